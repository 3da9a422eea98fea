"""Where one figure comes from ("Dari mana angka ini?"), as (label, text) pairs for a card or page.

Status, source and its type, link, date (marked when inferred from context), the verbatim quote,
the unit as the source wrote it, what was done to the figure (never "nothing" when something was
done), notes, and why another source's figure was or was not preferred.
"""

from __future__ import annotations

from dashboard.logic import processing
from dashboard.logic.figtext import as_dict, flag, is_contoh, source_date_text

SOURCE_TYPES = {
    "id": {"dokumen_resmi": "dokumen resmi (BPS, Dinsos, Pemprov, Kemensos atau instansi lain)",
           "berita": "berita yang mengutip pejabat atau instansi", "sekunder": "sumber sekunder (agregator)",
           "contoh": "DATA CONTOH, dibangkitkan untuk demonstrasi"},
    "en": {"dokumen_resmi": "official document (BPS, Dinsos, provincial government, Kemensos or another agency)",
           "berita": "news report quoting an official or agency", "sekunder": "secondary source (aggregator)",
           "contoh": "SAMPLE DATA, generated for demonstration"},
}
_LABELS = {
    "id": ("Status", "Sumber", "Jenis sumber", "Tautan", "Tanggal sumber", "Kutipan dari sumber", "Pengolahan",
           "Catatan", "Perbandingan sumber", "Kode angka"),
    "en": ("Status", "Source", "Source type", "Link", "Source date", "Quote from the source", "Processing",
           "Note", "Other sources", "Figure id"),
}


def provenance(fig: object, lang: str = "id") -> list[tuple[str, str]]:
    """"Dari mana angka ini?" as (label, text) pairs: status, source and its type, link, date, quote,
    what was done to the figure (never "nothing" when something was done), notes, other sources."""
    f = as_dict(fig)
    contoh = is_contoh(f)
    labels = dict(zip(("status", "source", "type", "link", "date", "quote", "processing", "note", "others", "id"),
                      _LABELS[lang], strict=True))
    if lang == "id":
        status = ("DATA CONTOH: dibangkitkan untuk demonstrasi, bukan angka resmi." if contoh
                  else "Resmi: angka terbit yang dikutip dari sumber di bawah.")
    else:
        status = ("SAMPLE DATA: generated for demonstration, not an official figure." if contoh
                  else "Official: a published figure quoted from the source below.")
    items = [(labels["status"], status), (labels["source"], str(f["source_title"]))]
    kind = str(f.get("source_type") or "")
    if kind in SOURCE_TYPES[lang]:
        items.append((labels["type"], SOURCE_TYPES[lang][kind]))
    if f.get("source_url"):
        items.append((labels["link"], str(f["source_url"])))
    date_text = source_date_text(f["source_date"], lang)
    if flag(f.get("date_inferred")):
        date_text += " (tanggal diperkirakan dari konteks)" if lang == "id" else " (date inferred from context)"
    items.append((labels["date"], date_text))
    if f.get("quote"):
        items.append((labels["quote"], f"“{f['quote']}”"))
    if f.get("unit_asli") and f["unit_asli"] != f["unit"]:
        shown = "ditampilkan sebagai" if lang == "id" else "shown as"
        items.append(("Satuan di sumber" if lang == "id" else "Unit in the source",
                      f"{f['unit_asli']} ({shown} {f['unit']})"))
    steps = processing.describe(str(f.get("processing") or ""), lang)
    if not steps and not contoh:
        steps = ["Tidak ada: angka disalin apa adanya dari sumber." if lang == "id"
                 else "None: the figure is copied as published."]
    if steps:
        items.append((labels["processing"], " ".join(steps)))
    if f.get("note") and not contoh:
        items.append((labels["note"], str(f["note"])))
    if f.get("conflict_note"):
        shown = ("ditampilkan sebagai angka utama" if f.get("displayed") else "bukan angka utama") if lang == "id" \
            else ("shown as the main figure" if f.get("displayed") else "not the main figure")
        items.append((labels["others"], f"{f['conflict_note']} ({shown})"))
    items.append((labels["id"], str(f["fig_id"])))
    return items


def provenance_text(fig: object) -> str:
    """:func:`provenance` as plain text, one ``Label: text`` line each."""
    return "\n".join(f"{label}: {text}" for label, text in provenance(fig))

"""Citations for one figure: a sentence to paste, a short credit line, "Dari mana angka ini?", links.

The sentence names who delivered the programme (from the catalogue's ``penyelenggara``: Kemensos
programmes are never credited to Dinsos Banten), the region and the period, and ends with the source
and its date. A ``contoh`` figure's sentence always begins with :data:`CONTOH_PREFIX` and uses a
neutral "... adalah N" form: it never reads like an official statement.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from urllib.parse import urlencode

import pandas as pd

from dashboard.data import reference
from dashboard.logic.figtext import (
    as_dict,
    flag,
    indicator_row,
    is_contoh,
    period_text,
    program_label,
    program_row,
    program_short,
    publisher,
    region_name,
    series_label,
    source_date_text,
    value_text,
)
from dashboard.logic.origin import SOURCE_TYPES, provenance, provenance_text
from dashboard.logic.related import related_notes

__all__ = ["CONTOH_PREFIX", "figure_card", "figure_permalink", "parse_permalink", "provenance", "provenance_text",
           "related_notes", "sentence", "short_citation"]

CONTOH_PREFIX = "DATA CONTOH, bukan angka resmi: "
CONTOH_PREFIX_EN = "SAMPLE DATA, not an official figure: "
SITE_NAME = "Dasbor Kesos Banten"
PAGE_PATH = "cari"
FIG_ID_PATTERN = re.compile(r"[rc][0-9a-f]{12}")
#: Catalogue ``penyelenggara`` -> who the sentence says delivered it.
ACTORS = {
    "Dinsos Provinsi Banten": "Dinas Sosial Provinsi Banten",
    "Dinsos Provinsi Banten bersama Bapas Kelas II Serang": "Dinas Sosial Provinsi Banten bersama Bapas Kelas II Serang",
    "Dinsos Provinsi Banten (UPTD panti sosial)": "Dinas Sosial Provinsi Banten melalui UPTD panti sosial",
    "Dinsos Provinsi Banten / Kemensos": "Dinas Sosial Provinsi Banten dan Kementerian Sosial",
    "Pemprov Banten (APBD)": "Pemerintah Provinsi Banten",
    "Kementerian Sosial": "Kementerian Sosial",
    "Pemkot Tangerang (APBD)": "Pemerintah Kota Tangerang",
}
#: Indicators whose region reads as a possessive ("Luas wilayah Kab. Lebak"), with a qualifier.
_POSSESSIVE = {"luas_wilayah": "", "jumlah_penduduk_sp2020": " menurut Sensus Penduduk BPS",
               "jumlah_penduduk_dukcapil": " menurut data administrasi kependudukan (Dukcapil)",
               "jumlah_penduduk_proyeksi_bps": " menurut proyeksi BPS"}
_SUBJECTS = {
    "penerima": "jumlah penerima {p}", "dtsen_terdata": "jumlah terdaftar di {p}", "penerima_rencana": "rencana jumlah penerima {p}",
    "penerima_target": "target jumlah penerima {p}", "anggaran": "anggaran {p}",
    "nilai_bantuan_per_penerima": "nilai {a}", "unit_diberikan": "jumlah unit {p} yang diberikan",
    "kegiatan": "jumlah kegiatan {p}", "izin_pub": "jumlah izin PUB yang diterbitkan",
    "jumlah_psks": "jumlah {s}", "luas_wilayah": "luas wilayah", "penduduk_miskin": "jumlah penduduk miskin",
    "persentase_penduduk_miskin": "persentase penduduk miskin",
    "kecamatan_dengan_ksb": "jumlah kecamatan yang memiliki Kampung Siaga Bencana",
    "jumlah_penduduk_sp2020": "jumlah penduduk", "jumlah_penduduk_dukcapil": "jumlah penduduk",
    "jumlah_penduduk_proyeksi_bps": "jumlah penduduk",
}
_OFFICIAL_VERBS = {"penerima": "menyalurkan", "penerima_rencana": "merencanakan",
                   "penerima_target": "menargetkan"}
UNDATED = "; tahun tidak disebut di sumber"
#: After a year or date the source does not state but the context gives (cards).
INFERRED = {"id": " (diperkirakan dari konteks)", "en": " (inferred from context)"}
INFERRED_DATE = {"id": ", diperkirakan dari konteks", "en": ", inferred from context"}


def _by_programme(indicator: str) -> bool:
    """Whether the figure's programme names what the indicator counts (``penerima`` of UEP), rather
    than the indicator belonging to one programme itself (``pmks_fakir_miskin`` of PMKS)."""
    row = indicator_row(indicator)
    return row is None or str(row["program"]).startswith("menurut_")


def _subject(f: dict) -> str:
    template = _SUBJECTS.get(f["indicator"])
    if template is None:
        row = indicator_row(f["indicator"])
        name = row["nama"] if row else f["indicator"]
        if name[1:2].islower():
            name = name[0].lower() + name[1:]
        counted = row is None or row["jenis"] == "jumlah"  # never "jumlah garis kemiskinan" or "jumlah IPM"
        template = f"jumlah {name}" if counted and name.split(" ")[0] not in ("jumlah", "persentase", "luas") else name
        template = template.replace("{", "{{").replace("}", "}}")
        if f["program"] and _by_programme(f["indicator"]):
            template += " {p}" if "(" in program_label(f["program"]) else " ({p})"
    label = program_label(f["program"])
    subject = template.format(p=label, s=program_short(f["program"]), a=_aid(label))
    return re.sub(r"\s+", " ", subject).strip()


def _region(f: dict, possessive: bool) -> str:
    return ("" if possessive else "di ") + region_name(f["kode_wilayah"])


def _when(f: dict) -> str:
    period = period_text(f)
    if period and flag(f.get("year_inferred")):
        period += " (tahun diperkirakan dari konteks)"
    return f"pada {period}" if period else ""


def _neutral(f: dict, contoh: bool) -> str:
    possessive = f["indicator"] in _POSSESSIVE
    unit = str(f["unit"])
    verb = "adalah" if contoh else "sebesar" if unit.startswith(("rupiah", "persen")) else "tercatat"
    subject = _subject(f)
    region = "" if region_name(f["kode_wilayah"]) in subject else _region(f, possessive)  # "APBD Provinsi Banten"
    parts = [subject, region, _when(f), _POSSESSIVE.get(f["indicator"], "").strip(), verb, value_text(f)]
    text = " ".join(p for p in parts if p) + ("" if period_text(f) else UNDATED)
    return text if contoh else text[0].upper() + text[1:]


def _aid(label: str) -> str:
    return label if label.split(" ")[0] in ("Bantuan", "Santunan", "Bansos") else f"bantuan {label}"


def _official(f: dict) -> str | None:
    """The active sentence naming who delivered, or None when the indicator or actor has none."""
    row = program_row(f["program"])
    actor = ACTORS.get(row["penyelenggara"]) if row is not None else None
    if actor is None:
        return None
    label, value, indicator = program_label(f["program"]), value_text(f), f["indicator"]
    if indicator in _OFFICIAL_VERBS:
        service = label.split(" ")[0] in ("Bimbingan", "Pelatihan", "Pelayanan")
        verb = _OFFICIAL_VERBS[indicator]
        what = f"memberikan {label}" if service and verb == "menyalurkan" else f"{verb} {_aid(label)}"
        body = f"{actor} {what} {'kepada' if verb == 'menyalurkan' else 'untuk'} {value}"
    elif indicator == "unit_diberikan":
        body = f"{actor} menyalurkan {label} sebanyak {value}"
    elif indicator == "kegiatan":
        body = f"{actor} menyelenggarakan {value} {label}"
    elif indicator == "izin_pub":
        body = f"{actor} menerbitkan {value} {re.sub(r'^Izin ', '', label)}"
    else:
        return None
    if not (f["kode_wilayah"] == reference.PROVINCE_CODE and "Provinsi Banten" in actor):
        body += " " + _region(f, False)
    when = _when(f)
    return f"{body} {when}" if when else body + UNDATED


def sentence(fig: object, lang: str = "id") -> str:
    """A ready-to-paste sentence ending with ``(sumber: <source_title>, <date>).``

    Parameters
    ----------
    fig
        One row of the statistics table (pandas row, mapping or namedtuple).
    lang
        ``id`` (default) or ``en``.
    """
    f = as_dict(fig)
    contoh = is_contoh(f)
    if lang == "en":
        return _sentence_en(f, contoh)
    body = (None if contoh else _official(f)) or _neutral(f, contoh)
    kind = "sumber sekunder" if f.get("source_type") == "sekunder" else "sumber"
    text = f"{body} ({kind}: {f['source_title']}, {source_date_text(f['source_date'])})."
    return CONTOH_PREFIX + text if contoh else text


def _sentence_en(f: dict, contoh: bool) -> str:
    row = indicator_row(f["indicator"])
    subject = row["nama_en"] if row else f["indicator"]
    if f["program"] and _by_programme(f["indicator"]):
        subject += f" — {program_label(f['program'], 'en')}"
    period = period_text(f, "en")
    if period and flag(f.get("year_inferred")):
        period += " (year inferred from context)"
    when = f" in {period}" if period else " (year not stated in the source)"
    kind = "secondary source" if f.get("source_type") == "sekunder" else "source"
    region = region_name(f["kode_wilayah"])
    where = "" if region in subject else f" in {region}"
    text = (f"{subject}{where}{when}: {value_text(f, 'en')} "
            f"({kind}: {f['source_title']}, {source_date_text(f['source_date'], 'en')}).")
    return CONTOH_PREFIX_EN + text if contoh else text


def short_citation(fig: object, lang: str = "id") -> str:
    """``Tangerang Daily, 25 Nov 2022, via Dasbor Kesos Banten``."""
    f = as_dict(fig)
    if is_contoh(f):
        label = "DATA CONTOH (bukan angka resmi)" if lang == "id" else "SAMPLE DATA (not official)"
        return f"{label}, via {SITE_NAME}"
    return f"{publisher(f)}, {source_date_text(f['source_date'], lang, short=True)}, via {SITE_NAME}"


def figure_permalink(fig_id: str, base_url: str = "") -> str:
    """``/cari?fig=<fig_id>`` (prefixed with ``base_url``). Raises ``ValueError`` on a malformed id."""
    if not isinstance(fig_id, str) or not FIG_ID_PATTERN.fullmatch(fig_id):
        raise ValueError(f"fig_id tidak valid: {fig_id!r}")
    return f"{base_url.rstrip('/')}/{PAGE_PATH}?{urlencode({'fig': fig_id})}"


def parse_permalink(query_params: Mapping[str, object], known: Container[str] | None = None) -> str | None:
    """The ``fig`` id from query parameters, or None when absent, malformed or (given ``known``) unknown."""
    raw = query_params.get("fig") if hasattr(query_params, "get") else None
    if isinstance(raw, list | tuple):
        raw = raw[-1] if raw else None
    if not isinstance(raw, str) or not FIG_ID_PATTERN.fullmatch(raw):
        return None
    if known is not None and raw not in known:
        return None
    return raw


def figure_card(stats: pd.DataFrame, fig: object, lang: str = "id", base_url: str = "") -> dict:
    """Everything a result card shows for one figure, built in one pure call (cache it per release).

    Keys: ``fig_id``, ``status``, ``value``, ``label``, ``region``, ``period``, ``source_title``,
    ``source_url`` (http/https only, else ""), ``source_date``, ``sentence``, ``short``,
    ``permalink``, ``provenance`` (label, text pairs) and ``related`` (sentences).
    """
    f = as_dict(fig)
    url = str(f.get("source_url") or "")
    period = period_text(f, lang) or ("tahun tidak disebut" if lang == "id" else "year not stated")
    if flag(f.get("year_inferred")) and period_text(f):
        period += INFERRED[lang]
    source_date = source_date_text(f["source_date"], lang)
    if flag(f.get("date_inferred")):
        source_date += INFERRED_DATE[lang]  # shown in brackets after the source title
    return {
        "fig_id": f["fig_id"], "status": f["status"], "value": value_text(f, lang),
        "label": series_label(f["indicator"], f["program"], lang), "region": region_name(f["kode_wilayah"]),
        "period": period,
        "source_title": str(f["source_title"]), "source_url": url if url.startswith(("https://", "http://")) else "",
        "source_type": SOURCE_TYPES[lang].get(str(f.get("source_type") or ""), ""),
        "source_date": source_date, "sentence": sentence(f, lang),
        "short": short_citation(f, lang), "permalink": figure_permalink(f["fig_id"], base_url),
        "provenance": provenance(f, lang), "related": related_notes(stats, f, lang),
    }

"""What ``check`` and ``publish`` tell the member of staff, in Indonesian."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.data import reference
from dashboard.data.readers import RawTable
from dashboard.data.staff_text import printable
from dashboard.text.fmt import number

MAX_LINES = 30
_ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 dengan BOM", "utf-16": "UTF-16", "cp1252": "Windows-1252"}
_DELIMITERS = {";": "titik koma (;)", ",": "koma (,)", "\t": "tab"}


def describe_source(table: RawTable, header_row: int | None) -> str:
    """Which sheet (or which CSV dialect) was read, and where the header was found."""
    if table.kind == "xlsx":
        text = f"Membaca berkas '{printable(table.name)}', lembar '{printable(table.sheet)}'"
        if table.hidden_sheets:
            text += f"; lembar tersembunyi diabaikan: {', '.join(repr(printable(s)) for s in table.hidden_sheets)}"
        if table.other_sheets:
            text += (f"; lembar lain tidak dibaca: {', '.join(repr(printable(s)) for s in table.other_sheets)} "
                     "(pilih dengan --sheet NAMA)")
    else:
        text = (f"Membaca berkas '{printable(table.name)}' (CSV, pemisah {_DELIMITERS.get(table.delimiter, table.delimiter)}, "
                f"pengodean {_ENCODINGS.get(table.encoding, table.encoding)})")
    if header_row is not None:
        text += f". Baris judul kolom: baris {header_row}"
    return text + "."


def _figure(row: pd.Series) -> str:
    parts = [row.indicator, row.program, reference.region_names().get(row.kode_wilayah, row.kode_wilayah),
             "" if pd.isna(row.year) else str(row.year), row.period]
    return " ".join(str(p) for p in parts if p not in ("", None))


def _value(text: str) -> str:
    return number(float(text)) if text not in ("", None) else "-"


def _first_lines(changes: pd.DataFrame) -> np.ndarray:
    """Positions of the first :data:`MAX_LINES` changes ordered by kind (new, changed, removed),
    indicator, programme and region: a stable sort of the columns' sorted codes (as sort_values
    orders them), without copying a 100,000-row table to sort it."""
    kind = changes.perubahan.map({"baru": 0, "diubah": 1, "dihapus": 2}).to_numpy()
    codes = [pd.factorize(changes[c], sort=True)[0] for c in ("kode_wilayah", "program", "indicator")]
    return np.lexsort([*codes, kind])[:MAX_LINES]


def summary(result, published: bool) -> str:
    """Counts of new, changed and removed figures, the lines of each change, and the new release id."""
    merged = result.merged
    changes = merged.changes
    counts = changes.perubahan.value_counts()
    new, changed, removed = (int(counts.get(k, 0)) for k in ("baru", "diubah", "dihapus"))
    lines = [f"Berkas lolos pemeriksaan: {len(result.rows)} angka dibaca."]
    if not merged.changed:
        lines.append(f"Tidak ada perubahan dibanding rilis {result.base_id}; tidak ada rilis baru.")
        return "\n".join(lines)
    verb = "Diterbitkan" if published else "Bila diterbitkan"
    lines.append(f"{verb}: {new} angka baru, {changed} angka diubah, {removed} angka dihapus "
                 f"({len(merged.removed_contoh)} angka DATA CONTOH digantikan angka resmi; "
                 f"{len(merged.replaced)} angka dari sumber yang sama diganti).")
    for _, row in changes.iloc[_first_lines(changes)].iterrows():
        lines.append(f"  {row.perubahan}: {printable(_figure(row))}: {_value(row.nilai_lama)} -> {_value(row.nilai_baru)}"
                     f" ({row.status})")
    if len(changes) > MAX_LINES:
        lines.append(f"  ... dan {len(changes) - MAX_LINES} perubahan lain (lihat revisions.csv).")
    if len(merged.beside):
        lines.append(f"{len(merged.beside)} angka resmi dari sumber lain untuk fakta yang sama tetap disimpan; "
                     "yang ditampilkan dipilih menurut aturan (angka rinci, lalu tanggal sumber terbaru):")
        for _, row in merged.beside.head(MAX_LINES).iterrows():
            shown = "ditampilkan" if row.displayed else "tidak ditampilkan"
            lines.append(f"  {printable(_figure(row))}: {number(row.value)} {printable(row.unit)} "
                         f"({printable(row.source_title)}; {shown})")
    if published:
        lines.append(f"Rilis baru: {result.release_id} (CURRENT sudah menunjuk ke rilis ini).")
    else:
        lines.append("Belum ada yang diterbitkan. Jalankan 'publish' untuk menerbitkan.")
    return "\n".join(lines)

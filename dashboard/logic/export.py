"""Downloads of any set of figures: CSV and XLSX with raw numbers and sources; the PNG pictures
(:mod:`dashboard.logic.export_png`) are re-exported here.

Every text cell that a spreadsheet could run as a formula (starting with ``= + - @``, or a tab or
carriage return, also behind white space or invisible characters) gets a leading apostrophe
(:func:`dashboard.data.cells.neutralise`). The first line of the CSV and the first row of the sheet
say "DATA CONTOH" whenever any row is demonstration data; every contoh row also says so itself.
Whole numbers are written as integers (``5632``, never ``5632.0``).

``data_per`` is the date of the data ("1 Desember 2026"); :func:`data_per_text` makes the one
"Data per ..." sentence of a download from it, and leaves a sentence given by mistake as it is
(never "Data per Data per ...").
"""

from __future__ import annotations

import csv
import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

# The one neutraliser: also used by the open data and the upload check.
from dashboard.data.cells import neutralise, safe_cell
from dashboard.logic.export_png import (  # noqa: F401 (the pictures are part of this module's interface)
    DPI,
    HEIGHT,
    MIXED_LEGEND,
    MIXED_LINE_LEGEND,
    SITE,
    WIDTH,
    chart_figure,
    chart_png,
    data_per_text,
    trend_figure,
    trend_png,
)
from dashboard.logic.figtext import as_dict, program_label, region_name, source_date_text

CONTOH_ROW = "DATA CONTOH, bukan angka resmi"
CONTOH_ROW_EN = "DATA CONTOH (sample data), not an official figure"
#: Columns of a download, in order (``value`` is the raw number).
EXPORT_COLUMNS = [
    "fig_id", "indicator", "program", "program_nama", "kode_wilayah", "wilayah", "year", "period", "value",
    "unit", "status", "keterangan", "source_title", "source_url", "source_date", "note", "conflict_note",
]


def export_frame(figs: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """One row per figure with names, raw numbers and sources (text not yet neutralised)."""
    contoh_row = CONTOH_ROW if lang == "id" else CONTOH_ROW_EN
    out = pd.DataFrame({
        "fig_id": figs["fig_id"], "indicator": figs["indicator"], "program": figs["program"],
        "program_nama": figs["program"].map(lambda c: program_label(c, lang)),
        "kode_wilayah": figs["kode_wilayah"].astype(str),
        "wilayah": figs["kode_wilayah"].astype(str).map(region_name), "year": figs["year"].astype("Int64"),
        "period": figs["period"], "value": figs["value"].astype(float), "unit": figs["unit"],
        "status": figs["status"], "keterangan": figs["status"].map(lambda s: contoh_row if s == "contoh" else ""),
        "source_title": figs["source_title"], "source_url": figs["source_url"],
        "source_date": figs["source_date"], "note": figs["note"], "conflict_note": figs["conflict_note"],
    })
    return out[EXPORT_COLUMNS].reset_index(drop=True)


def title_line(figs: pd.DataFrame, data_per: str | None = None, lang: str = "id") -> str:
    """The first line of a download: DATA CONTOH when any row is contoh, and the date of the data."""
    per = f" {data_per_text(data_per, lang)}." if data_per else ""
    contoh = figs["status"].eq("contoh")
    if lang == "en":
        if contoh.any():
            share = "all" if contoh.all() else "some"
            return (f"DATA CONTOH (sample data): {share} rows with status 'contoh' are generated for demonstration, "
                    f"not official figures. {SITE}.{per}")
        return f"{SITE}: published figures with their sources (see columns source_title, source_url, source_date).{per}"
    if contoh.any():
        share = "semua" if contoh.all() else "sebagian"
        return (f"DATA CONTOH: {share} baris berstatus 'contoh' adalah data demonstrasi, bukan angka resmi. "
                f"{SITE}.{per}")
    return f"{SITE}: angka resmi bersumber (lihat kolom source_title, source_url, source_date).{per}"


def _cell(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)  # a count reads 5632, not 5632.0
    return safe_cell(value)


def _rows(frame: pd.DataFrame) -> list[list[object]]:
    return [[_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]


def to_csv_bytes(figs: pd.DataFrame, data_per: str | None = None, lang: str = "id") -> bytes:
    """CSV (UTF-8 with BOM so Excel reads it right): a title line, the header, one row per figure."""
    frame = export_frame(figs, lang)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([neutralise(title_line(figs, data_per, lang))])
    writer.writerow(EXPORT_COLUMNS)
    for row in _rows(frame):
        writer.writerow([f"{v:.15g}" if isinstance(v, float) else v for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx_bytes(figs: pd.DataFrame, data_per: str | None = None, lang: str = "id") -> bytes:
    """XLSX: row 1 the title (DATA CONTOH highlighted), row 2 the header, then one row per figure."""
    frame = export_frame(figs, lang)
    book = Workbook()
    sheet = book.active
    sheet.title = "Angka"
    sheet.append([neutralise(title_line(figs, data_per, lang))])
    sheet["A1"].font = Font(bold=True, color="7A3D00" if figs["status"].eq("contoh").any() else "0B3D6B")
    if figs["status"].eq("contoh").any():
        sheet["A1"].fill = PatternFill("solid", fgColor="FFF1E0")
    sheet.append(EXPORT_COLUMNS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in _rows(frame):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever openpyxl guessed
    sheet.freeze_panes = "A3"
    for letter, width in zip("ABCDEFGHIJKLMNOPQ", (15, 16, 14, 30, 12, 24, 6, 10, 14, 10, 8, 28, 50, 40, 16, 40, 40),
                             strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def kabkota_series(stats: pd.DataFrame, fig: object) -> pd.DataFrame:
    """The displayed kab/kota figures of the same series, year, period and unit as ``fig`` (for a chart)."""
    f = as_dict(fig)
    same = (stats["indicator"].eq(f["indicator"]) & stats["program"].eq(f["program"]) & stats["unit"].eq(f["unit"])
            & stats["period"].eq(f["period"]) & stats["displayed"] & stats["kode_wilayah"].str.len().eq(4))
    year = f.get("year")
    same &= stats["year"].isna() if year is None or pd.isna(year) else stats["year"].eq(year).fillna(False)
    # One bar per kab/kota: a published figure before a demonstration one for the same region.
    rows = stats[same].assign(_contoh=stats["status"].eq("contoh"))
    return rows.sort_values("_contoh", kind="stable").drop_duplicates("kode_wilayah").drop(columns="_contoh")


def sources_with_dates(frame: pd.DataFrame, lang: str = "id") -> str:
    """Every source of the figures by name with its date, for a picture that travels alone."""
    pairs = dict.fromkeys(zip(frame["source_title"], frame["source_date"], strict=True))
    return "; ".join(f"{title} ({source_date_text(date, lang)})" for title, date in pairs if title)

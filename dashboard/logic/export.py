"""Downloads of any set of figures: CSV and XLSX with raw numbers and sources, and a PNG bar chart.

Every text cell that a spreadsheet could run as a formula (starting with ``= + - @``, or a tab or
carriage return, also behind white space or invisible characters) gets a leading apostrophe
(:func:`dashboard.data.cells.neutralise`). The first line of the CSV and the first row of the sheet
say "DATA CONTOH" whenever any row is demonstration data; every contoh row also says so itself.
The chart is drawn by matplotlib's Agg canvas (no pyplot state, no browser), with title, unit,
period, source, status and "data per" date inside the image.
"""

from __future__ import annotations

import csv
import io
import textwrap

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

# The one neutraliser: also used by the open data and the upload check.
from dashboard.data.cells import neutralise, safe_cell
from dashboard.logic.figtext import as_dict, program_label, region_name, source_date_text
from dashboard.text import fmt
from dashboard.text.i18n import t

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTOH_ROW = "DATA CONTOH, bukan angka resmi"
#: Columns of a download, in order (``value`` is the raw number).
EXPORT_COLUMNS = [
    "fig_id", "indicator", "program", "program_nama", "kode_wilayah", "wilayah", "year", "period", "value",
    "unit", "status", "keterangan", "source_title", "source_url", "source_date", "note", "conflict_note",
]
SITE = "Dasbor Kesejahteraan Sosial Provinsi Banten"
MIXED_LEGEND = {"id": "Batang oranye bergaris = DATA CONTOH", "en": "Hatched orange bars = SAMPLE DATA"}
WIDTH, HEIGHT, DPI = 1200, 675, 100


def export_frame(figs: pd.DataFrame) -> pd.DataFrame:
    """One row per figure with names, raw numbers and sources (text not yet neutralised)."""
    out = pd.DataFrame({
        "fig_id": figs["fig_id"], "indicator": figs["indicator"], "program": figs["program"],
        "program_nama": figs["program"].map(program_label), "kode_wilayah": figs["kode_wilayah"].astype(str),
        "wilayah": figs["kode_wilayah"].astype(str).map(region_name), "year": figs["year"].astype("Int64"),
        "period": figs["period"], "value": figs["value"].astype(float), "unit": figs["unit"],
        "status": figs["status"], "keterangan": figs["status"].map(lambda s: CONTOH_ROW if s == "contoh" else ""),
        "source_title": figs["source_title"], "source_url": figs["source_url"],
        "source_date": figs["source_date"], "note": figs["note"], "conflict_note": figs["conflict_note"],
    })
    return out[EXPORT_COLUMNS].reset_index(drop=True)


def title_line(figs: pd.DataFrame, data_per: str | None = None) -> str:
    """The first line of a download: DATA CONTOH when any row is contoh."""
    per = f" Data per {data_per}." if data_per else ""
    if figs["status"].eq("contoh").any():
        share = "semua" if figs["status"].eq("contoh").all() else "sebagian"
        return (f"DATA CONTOH: {share} baris berstatus 'contoh' adalah data demonstrasi, bukan angka resmi. "
                f"{SITE}.{per}")
    return f"{SITE}: angka resmi bersumber (lihat kolom source_title, source_url, source_date).{per}"


def _cell(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return safe_cell(value)


def _rows(frame: pd.DataFrame) -> list[list[object]]:
    return [[_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]


def to_csv_bytes(figs: pd.DataFrame, data_per: str | None = None) -> bytes:
    """CSV (UTF-8 with BOM so Excel reads it right): a title line, the header, one row per figure."""
    frame = export_frame(figs)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([neutralise(title_line(figs, data_per))])
    writer.writerow(EXPORT_COLUMNS)
    for row in _rows(frame):
        writer.writerow([f"{v:.15g}" if isinstance(v, float) else v for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx_bytes(figs: pd.DataFrame, data_per: str | None = None) -> bytes:
    """XLSX: row 1 the title (DATA CONTOH highlighted), row 2 the header, then one row per figure."""
    frame = export_frame(figs)
    book = Workbook()
    sheet = book.active
    sheet.title = "Angka"
    sheet.append([neutralise(title_line(figs, data_per))])
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


def _labels(frame: pd.DataFrame) -> list[str]:
    if "label" in frame:
        return [str(x) for x in frame["label"]]
    return [region_name(str(c)) for c in frame["kode_wilayah"]]


def _tick(unit: str, lang: str):
    if unit.startswith("rupiah"):
        return lambda v, _pos=None: fmt.rupiah(v, lang)
    if unit == "persen":
        return lambda v, _pos=None: fmt.percent(v, 1, lang)
    return lambda v, _pos=None: fmt.number(v, 0 if float(v).is_integer() else 1, lang)


def _effective_status(frame: pd.DataFrame, status: str) -> str:
    """Never draw a contoh bar as official: the rows' own status wins over the caller's."""
    if "status" not in frame or frame.empty:
        return status
    kinds = set(frame["status"])
    if kinds == {"contoh"}:
        return "contoh"
    return "campuran" if "contoh" in kinds else status


def chart_figure(frame: pd.DataFrame, title: str, unit: str, period: str, source: str, status: str, date: str,
                 lang: str = "id", width: int = WIDTH, height: int = HEIGHT) -> Figure:
    """The bar chart as a matplotlib Figure (kept separate so tests can read its text)."""
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    status = _effective_status(frame, status)
    contoh = status in ("contoh", "campuran")
    data = frame.assign(_label=_labels(frame)).sort_values("value")
    row_contoh = data["status"].eq("contoh") if "status" in data else pd.Series(contoh, index=data.index)
    ax = fig.add_axes((0.24, 0.2, 0.7, 0.6))
    bars = ax.barh(data["_label"], data["value"], color=row_contoh.map({True: "#b35900", False: "#1f5f99"}))
    for bar, is_contoh in zip(bars, row_contoh, strict=True):
        bar.set_hatch("//" if is_contoh and status == "campuran" else None)
    tick = _tick(unit, lang)
    ax.xaxis.set_major_formatter(FuncFormatter(tick))
    ax.bar_label(bars, labels=[tick(v) for v in data["value"]], padding=4, fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(x=0.15)
    if data.empty:
        ax.text(0.5, 0.5, t("common.no_data", lang), ha="center", va="center", transform=ax.transAxes)
    _place(ax, 0.24, 0.7, _decorate(fig, title, unit, period, source, status, date, lang))
    return fig


#: What marks demonstration points on a line chart.
MIXED_LINE_LEGEND = {"id": "Titik kosong = DATA CONTOH", "en": "Open markers = DATA CONTOH (sample data)"}


def _decorate(fig: Figure, title: str, unit: str, period: str, source: str, status: str, date: str,
              lang: str, mixed_legend: dict[str, str] | None = None) -> tuple[float, float]:
    """Title, unit, period, every source, status and date drawn inside the picture; DATA CONTOH marked.

    Nothing is cut: the title and the sources wrap onto as many lines as they need (a picture travels
    without the page). Returns the (bottom, top) figure fractions left for the plot between them.
    """
    contoh = status in ("contoh", "campuran")
    height = fig.get_figheight() * DPI
    line = lambda points: points * 1.35 / 72 * DPI / height  # noqa: E731 (figure fraction of one text line)
    title_lines = textwrap.wrap(title, 62 if contoh else 72) or [""]
    size = 18 if len(title_lines) <= 2 else 15
    y = 0.965
    for text in title_lines:
        y -= line(size)
        fig.text(0.02, y, text, fontsize=size, fontweight="bold", color="#1b1f24")
    unit_text = "km²" if unit == "km2" else unit
    y -= line(12) + 0.005
    fig.text(0.02, y, f"{t('common.unit', lang)}: {unit_text} · {t('common.period', lang)}: {period}",
             fontsize=12, color="#57606a")
    top = y - 0.03
    status_text = t(f"common.status_{status}", lang)
    footer = [f"{t('common.status', lang)}: {status_text} · {t('common.data_per', lang, date=date)} · {SITE}"]
    source_lines = textwrap.wrap(f"{t('common.source', lang)}: {source}", 150)
    y = 0.02
    for text in [*footer, *reversed(source_lines)]:
        fig.text(0.02, y, text, fontsize=10, color="#1b1f24" if text not in footer else "#57606a")
        y += line(10)
    bottom = y + 0.06
    if contoh:
        fig.text(0.98, 0.965 - line(16), t("common.status_contoh", lang), fontsize=16, fontweight="bold", ha="right",
                 color="white", bbox={"facecolor": "#b35900", "edgecolor": "none", "pad": 6})
        if status == "campuran":
            fig.text(0.98, top + 0.01, (mixed_legend or MIXED_LEGEND)[lang], fontsize=11, ha="right",
                     color="#7a3d00")
        fig.text(0.58, 0.5, t("common.status_contoh", lang), fontsize=80, rotation=20, ha="center",
                 va="center", color="#b35900", alpha=0.12)
    return bottom, top


def _place(ax, left: float, width: float, area: tuple[float, float]) -> None:  # noqa: ANN001
    """Fit the plot between the header and the footer that :func:`_decorate` drew."""
    bottom, top = area
    ax.set_position((left, bottom, width, max(0.2, top - bottom)))


def trend_figure(frame: pd.DataFrame, title: str, unit: str, period: str, source: str, status: str, date: str,
                 lang: str = "id", width: int = WIDTH, height: int = HEIGHT) -> Figure:
    """Yearly lines per region (``nama``, ``year``, ``value``, ``status``); open markers = DATA CONTOH."""
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    status = _effective_status(frame, status)
    ax = fig.add_axes((0.07, 0.2, 0.68, 0.6))
    for name, group in frame.sort_values("year").groupby("nama", sort=False):
        line = ax.plot(group["year"], group["value"], linewidth=2, label=str(name))[0]
        official = group["status"].eq("resmi")
        ax.scatter(group["year"][official], group["value"][official], color=line.get_color(), zorder=3)
        ax.scatter(group["year"][~official], group["value"][~official], facecolors="white",
                   edgecolors=line.get_color(), zorder=3)
    ax.yaxis.set_major_formatter(FuncFormatter(_tick(unit, lang)))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    if len(frame):
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9)
    _place(ax, 0.07, 0.68, _decorate(fig, title, unit, period, source, status, date, lang, MIXED_LINE_LEGEND))
    return fig


def trend_png(frame: pd.DataFrame, title: str, unit: str, period: str, source: str, status: str, date: str,
              lang: str = "id") -> bytes:
    """The Tren chart as a PNG (1200x675 px), made on the server without a browser."""
    out = io.BytesIO()
    trend_figure(frame, title, unit, period, source, status, date, lang).savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def chart_png(frame: pd.DataFrame, title: str, unit: str, period: str, source: str, status: str, date: str,
              lang: str = "id", width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """A PNG bar chart (default 1200x675 px) of ``frame`` (``value`` plus ``label`` or ``kode_wilayah``).

    ``status`` is ``resmi``, ``contoh`` or ``campuran``; contoh and campuran get a visible
    "DATA CONTOH" mark. ``date`` is the "data per" date as people read it.
    """
    fig = chart_figure(frame, title, unit, period, source, status, date, lang, width, height)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def kabkota_series(stats: pd.DataFrame, fig: object) -> pd.DataFrame:
    """The displayed kab/kota figures of the same series, year, period and unit as ``fig`` (for a chart)."""
    f = as_dict(fig)
    same = (stats["indicator"].eq(f["indicator"]) & stats["program"].eq(f["program"]) & stats["unit"].eq(f["unit"])
            & stats["period"].eq(f["period"]) & stats["displayed"] & stats["kode_wilayah"].str.len().eq(4))
    year = f.get("year")
    same &= stats["year"].isna() if year is None or pd.isna(year) else stats["year"].eq(year).fillna(False)
    return stats[same]


def sources_with_dates(frame: pd.DataFrame, lang: str = "id") -> str:
    """Every source of the figures by name with its date, for a picture that travels alone."""
    pairs = dict.fromkeys(zip(frame["source_title"], frame["source_date"], strict=True))
    return "; ".join(f"{title} ({source_date_text(date, lang)})" for title, date in pairs if title)

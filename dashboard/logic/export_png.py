"""Pictures of figures: a bar chart across regions and yearly lines, as PNG, made on the server.

Drawn by matplotlib's Agg canvas (no pyplot state, no browser). A picture travels without the page,
so it carries inside the image its whole title (wrapped, never cut), the unit and period, every
source by name with its date, the status (DATA CONTOH marked) and the "data per" date.
"""

from __future__ import annotations

import io

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from dashboard.logic.figtext import region_name, unit_text
from dashboard.text import fmt
from dashboard.text.i18n import LANGS, t

SITE = "Dasbor Kesejahteraan Sosial Provinsi Banten"
MIXED_LEGEND = {"id": "Batang oranye bergaris = DATA CONTOH", "en": "Hatched orange bars = SAMPLE DATA"}
WIDTH, HEIGHT, DPI = 1200, 675, 100


def _data_per_prefixes() -> list[str]:
    return [t("common.data_per", lang, date="\0").split("\0")[0] for lang in LANGS]


def data_per_text(data_per: str, lang: str = "id") -> str:
    """``Data per 1 Desember 2026`` from the date; a whole sentence given instead is kept as it is."""
    text = str(data_per).strip()
    if any(text.startswith(prefix) for prefix in _data_per_prefixes()):
        return text
    return t("common.data_per", lang, date=text)


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


def _wrap(fig: Figure, text: str, width: float, **style: object) -> list[str]:
    """``text`` in lines no wider than ``width`` (a fraction of the picture), measured as drawn."""
    renderer = fig.canvas.get_renderer()
    probe = fig.text(0, 0, "", **style)
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        probe.set_text(trial)
        if current and probe.get_window_extent(renderer).width > width * fig.bbox.width:
            lines.append(current)
            current = word
        else:
            current = trial
    probe.remove()
    return [*lines, current] if current else lines or [""]


def _decorate(fig: Figure, title: str, unit: str, period: str, source: str, status: str, date: str,
              lang: str, mixed_legend: dict[str, str] | None = None) -> tuple[float, float]:
    """Title, unit, period, every source, status and date drawn inside the picture; DATA CONTOH marked.

    Nothing is cut or covered: the title wraps beside the DATA CONTOH badge and the sources wrap
    across the width, measured as drawn, onto as many lines as they need (a picture travels without
    the page). Returns the (bottom, top) figure fractions left for the plot between them.
    """
    contoh = status in ("contoh", "campuran")
    height = fig.get_figheight() * DPI
    line = lambda points: points * 1.35 / 72 * DPI / height  # noqa: E731 (figure fraction of one text line)
    title_width = 0.96
    if contoh:
        badge = fig.text(0.98, 0.965 - line(16), t("common.status_contoh", lang), fontsize=16, fontweight="bold",
                         ha="right", color="white", bbox={"facecolor": "#b35900", "edgecolor": "none", "pad": 6})
        left = badge.get_window_extent(fig.canvas.get_renderer()).x0 / fig.bbox.width
        title_width = left - 0.04
    size = 18
    title_lines = _wrap(fig, title, title_width, fontsize=size, fontweight="bold")
    if len(title_lines) > 2:
        size = 15
        title_lines = _wrap(fig, title, title_width, fontsize=size, fontweight="bold")
    y = 0.965
    for text in title_lines:
        y -= line(size)
        fig.text(0.02, y, text, fontsize=size, fontweight="bold", color="#1b1f24")
    y -= line(12) + 0.005
    fig.text(0.02, y, f"{t('common.unit', lang)}: {unit_text(unit, lang)} · {t('common.period', lang)}: {period}",
             fontsize=12, color="#57606a")
    top = y - 0.03
    status_text = t(f"common.status_{status}", lang)
    footer = _wrap(fig, f"{t('common.status', lang)}: {status_text} · {data_per_text(date, lang)} · {SITE}", 0.96,
                   fontsize=10)
    source_lines = _wrap(fig, f"{t('common.source', lang)}: {source}", 0.96, fontsize=10)
    y = 0.02
    for text in [*reversed(footer), *reversed(source_lines)]:
        fig.text(0.02, y, text, fontsize=10, color="#1b1f24" if text not in footer else "#57606a")
        y += line(10)
    bottom = y + 0.06
    if contoh:
        if status == "campuran":
            fig.text(0.98, top + 0.01, (mixed_legend or MIXED_LEGEND)[lang], fontsize=11, ha="right",
                     color="#7a3d00")
        fig.text(0.58, 0.5, "DATA CONTOH", fontsize=80, rotation=20, ha="center", va="center", color="#b35900",
                 alpha=0.12)
    return bottom, top


def _place(ax, left: float, width: float, area: tuple[float, float]) -> None:
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

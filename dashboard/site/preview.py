"""Link-preview images (Open Graph, 1200x630 PNG) drawn with matplotlib's Agg canvas, no browser.

One image for the landing page and one per kab/kota (map, title, headline figure, source, status);
figure cards share one generic image per programme, which shows no number so it can never pass a
DATA CONTOH figure off as official. ``Figure`` + ``FigureCanvasAgg`` are used directly instead of
pyplot: no global state, nothing to close, safe to call from the publish command.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, PathPatch
from matplotlib.path import Path as MplPath

from dashboard.site import svgmap
from dashboard.site.html import CONTOH_LABEL, OG_SIZE, PUBLISHER

NAVY, GREEN, AMBER, INK, GREY = "#0b3d6b", "#1d6b3a", "#ffd54a", "#1b1b1b", "#4a4a4a"
DPI = 100
#: zlib level 3: a third of the default's time for files ~10% larger (flat colours compress well anyway).
PNG_OPTIONS = {"compress_level": 3}


def _canvas() -> Figure:
    fig = Figure(figsize=(OG_SIZE[0] / DPI, OG_SIZE[1] / DPI), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    fig.patches.append(FancyBboxPatch((0, 0.9), 1, 0.1, boxstyle="square,pad=0", transform=fig.transFigure,
                                      facecolor=NAVY, edgecolor="none"))
    # parse_math=False everywhere: a "$" in a source title must not switch on mathtext.
    fig.text(0.03, 0.95, f"{PUBLISHER} · Dasbor Kesejahteraan Sosial", color="white", fontsize=20,
             va="center", weight="bold", parse_math=False)
    return fig


def _mpl_path(region: svgmap.Region) -> MplPath:
    verts, codes = [], []
    for ring in region.rings:
        verts += [*ring, ring[0]]
        codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 1) + [MplPath.CLOSEPOLY]
    return MplPath(verts, codes)


def _map(fig: Figure, basemap: svgmap.Basemap | None, colors: dict[str, str], highlight: str | None = None,
         box: tuple[float, float, float, float] = (0.02, 0.04, 0.5, 0.82)) -> None:
    if basemap is None:
        return
    ax = fig.add_axes(box)
    ax.set_axis_off()
    order = sorted(basemap.regions, key=lambda c: c == highlight)
    patches = [PathPatch(_mpl_path(basemap.regions[c]), facecolor=colors.get(c, "#dfe5ec"),
                         edgecolor="#111" if c == highlight else "white", linewidth=2.5 if c == highlight else 0.8)
               for c in order]
    # One collection without autoscaling: add_patch recomputes data limits per vertex (slow).
    ax.add_collection(PatchCollection(patches, match_original=True), autolim=False)
    ax.set_xlim(0, basemap.width)
    ax.set_ylim(basemap.height, 0)
    ax.set_aspect("equal")


def _status(fig: Figure, x: float, y: float, status: str, span: float = 0.55) -> None:
    if status == "resmi":
        text, face, ink = "Resmi", GREEN, "white"
    elif status in ("contoh", "campuran"):
        text = CONTOH_LABEL if status == "contoh" else "Sebagian DATA CONTOH"
        face, ink = AMBER, "#3a2a00"
    else:
        return
    size = min(20, int(20 * _chars(span - 0.03, 20, "bold") / len(text)))  # the badge's padding needs room
    fig.text(x, y, text, fontsize=size, weight="bold", color=ink, va="center", parse_math=False,
             bbox={"boxstyle": "round,pad=0.35", "facecolor": face, "edgecolor": "none"})


def _chars(span: float, size: float, weight: str = "normal") -> int:
    """How many characters of DejaVu Sans at ``size`` pt fit in ``span`` of the image width.

    Average advance is ~0.6 em (0.68 bold); good enough to wrap without measuring every line.
    """
    em = 0.68 if weight == "bold" else 0.6
    return max(8, int(span * OG_SIZE[0] / (em * size * DPI / 72)))


def _lines(fig: Figure, x: float, y: float, text: str, span: float, size: int, color: str = INK,
           weight: str = "normal", max_lines: int = 3) -> float:
    """Text wrapped to ``span`` (fraction of the width) from ``y`` down; returns the y below it."""
    width = _chars(span, size, weight)
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1] + "…"
    fig.text(x, y, "\n".join(lines), fontsize=size, color=color, weight=weight, va="top", linespacing=1.15,
             parse_math=False)
    return y - len(lines) * size * 1.2 * 1.15 / (OG_SIZE[1] * 72 / DPI) - 0.02


def headline_image(path: Path, basemap: svgmap.Basemap | None, colors: dict[str, str], title: str,
                   label: str, value: str, source: str, status: str, highlight: str | None = None,
                   map_note: str = "") -> None:
    """Map on the left; title, headline figure, status and source on the right (landing and regions).

    Parameters
    ----------
    colors
        Fill of each region code (the choropleth, or one highlighted region).
    label, value, source
        Plain text: the series and period, the formatted value, "Sumber: ..., <date>".
    map_note
        What the map shows, with its status when that differs from the headline figure's.
    """
    fig = _canvas()
    _map(fig, basemap, colors, highlight)
    if map_note and basemap is not None:
        _lines(fig, 0.03, 0.08, map_note, 0.5, 14, GREY, max_lines=2)
    x = 0.55 if basemap is not None else 0.05
    span = 0.97 - x
    y = _lines(fig, x, 0.84, title, span, 28, NAVY, "bold", 2)
    y = _lines(fig, x, y, label, span, 20, GREY)
    # The value on one line, shrunk if long (values are short: "1.354.350 jiwa", "Rp15,5 miliar").
    size = min(44, int(44 * _chars(span, 44, "bold") / max(len(value), 1)))
    fig.text(x, y - 0.01, value, fontsize=size, weight="bold", color=INK, va="top", parse_math=False)
    _status(fig, x, y - 0.2, status, span)
    _lines(fig, x, y - 0.28, source, span, 16, GREY)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI, facecolor="white", pil_kwargs=PNG_OPTIONS)


def program_image(path: Path, basemap: svgmap.Basemap | None, label: str, status: str) -> None:
    """The generic preview of every card of one programme: its name and what a card holds, no number.

    ``status`` summarises the programme's cards (``resmi``, ``contoh``, ``campuran``); any DATA CONTOH
    among them is stated on the image, the resmi badge is not shown (the image carries no figure).
    """
    fig = _canvas()
    _map(fig, basemap, {}, None, box=(0.62, 0.06, 0.36, 0.8))
    y = _lines(fig, 0.05, 0.84, "Kartu angka", 0.55, 22, GREY)
    y = _lines(fig, 0.05, y, label, 0.55, 34, NAVY, "bold", 3)
    y = _lines(fig, 0.05, y - 0.02, "Setiap angka memuat sumber, tanggal, kutipan dari sumber dan statusnya.",
               0.55, 20, INK)
    if status in ("contoh", "campuran"):
        _status(fig, 0.05, y - 0.06, status)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI, facecolor="white", pil_kwargs=PNG_OPTIONS)

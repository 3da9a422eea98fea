"""Inline SVG for the briefing slides: the kab/kota map, a line chart and sparklines.

Hand-written SVG rather than Plotly: a static Plotly image needs kaleido and a browser, and a live
Plotly chart needs its 3.5 MB script in every iframe. Each SVG's ``viewBox`` equals its size on the
1920x1080 slide, so a font size in the CSS is the size on screen. Colours come from CSS variables
(light and dark themes); text sizes come from CSS classes, never from attributes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from shapely.geometry import shape

from dashboard.text import fmt

LABEL_RADIUS = 27


@dataclass(frozen=True)
class MapGeometry:
    """Kab/kota outlines projected to a ``width`` x ``height`` box: SVG path data and label points."""

    paths: dict[str, str]
    points: dict[str, tuple[float, float]]
    width: int
    height: int


def project(layer: dict, width: int, height: int, key: str = "kode_bps", pad: int = 8) -> MapGeometry:
    """Fit the layer into the box (equirectangular, shrunk east-west by the cosine of the mid latitude).

    Parameters
    ----------
    layer : dict
        A GeoJSON FeatureCollection in longitude/latitude with the region code in property ``key``.
    width, height : int
        The box in slide pixels.

    Returns
    -------
    MapGeometry
    """
    geoms = {str(f["properties"][key]): shape(f["geometry"]) for f in layer["features"]}
    minx = min(g.bounds[0] for g in geoms.values())
    miny = min(g.bounds[1] for g in geoms.values())
    maxx = max(g.bounds[2] for g in geoms.values())
    maxy = max(g.bounds[3] for g in geoms.values())
    shrink = math.cos(math.radians((miny + maxy) / 2))
    scale = min((width - 2 * pad) / ((maxx - minx) * shrink), (height - 2 * pad) / (maxy - miny))
    offset_x = (width - (maxx - minx) * shrink * scale) / 2
    offset_y = (height - (maxy - miny) * scale) / 2

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return offset_x + (lon - minx) * shrink * scale, offset_y + (maxy - lat) * scale

    paths, points = {}, {}
    for code, geom in geoms.items():
        parts = []
        for poly in getattr(geom, "geoms", [geom]):
            for ring in [poly.exterior, *poly.interiors]:
                coords = [xy(x, y) for x, y in ring.coords]
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in coords) + "Z")
        paths[code] = "".join(parts)
        inside = geom.representative_point()
        points[code] = xy(inside.x, inside.y)
    return MapGeometry(paths, _spread(points, 2 * LABEL_RADIUS + 6), width, height)


def _spread(points: dict[str, tuple[float, float]], gap: float) -> dict[str, tuple[float, float]]:
    """Push label points apart until no two are closer than ``gap`` (the small cities sit close)."""
    moved = {k: list(v) for k, v in points.items()}
    for _ in range(40):
        clash = False
        keys = sorted(moved)
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                dx, dy = moved[b][0] - moved[a][0], moved[b][1] - moved[a][1]
                dist = math.hypot(dx, dy) or 0.01
                if dist < gap:
                    clash = True
                    push = (gap - dist) / 2 + 0.5
                    moved[a][0] -= dx / dist * push
                    moved[a][1] -= dy / dist * push
                    moved[b][0] += dx / dist * push
                    moved[b][1] += dy / dist * push
        if not clash:
            break
    return {k: (v[0], v[1]) for k, v in moved.items()}


def map_defs(geo: MapGeometry) -> str:
    """The outlines once, as ``<defs>`` that every map slide reuses with ``<use>`` (one copy in the page)."""
    paths = "".join(f'<path id="kab-{escape(code)}" d="{d}"/>' for code, d in sorted(geo.paths.items()))
    return f'<svg width="0" height="0" aria-hidden="true" style="position:absolute"><defs>{paths}</defs></svg>'


def map_svg(geo: MapGeometry, fills: dict[str, str], labels: dict[str, str], title: str) -> str:
    """A choropleth: each region filled with its class colour and labelled with its rank."""
    shapes = "".join(f'<use href="#kab-{escape(code)}" class="region" style="fill:{escape(fills.get(code, "var(--nodata)"))}"/>'
                     for code in sorted(geo.paths))
    marks = []
    for code, text in sorted(labels.items()):
        if code not in geo.points:
            continue
        x, y = geo.points[code]
        marks.append(f'<circle class="rank-dot" cx="{x:.1f}" cy="{y:.1f}" r="{LABEL_RADIUS}"/>'
                     f'<text class="rank-num" x="{x:.1f}" y="{y:.1f}" dy="0.35em">{escape(text)}</text>')
    return (f'<svg class="map" viewBox="0 0 {geo.width} {geo.height}" width="{geo.width}" height="{geo.height}" '
            f'role="img" aria-label="{escape(title)}">{shapes}{"".join(marks)}</svg>')


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round tick values from 0 to at least ``top`` (steps of 1, 2, 2.5 or 5 times a power of ten)."""
    if not top or top <= 0 or math.isnan(top):
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return [i * step for i in range(int(math.ceil(top / step - 1e-9)) + 1)]


def _segments(points: list[dict]) -> list[list[dict]]:
    """Runs of consecutive years: a missing year breaks the line instead of being drawn over."""
    runs: list[list[dict]] = []
    for p in points:
        if runs and p["year"] == runs[-1][-1]["year"] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def _marker(x: float, y: float, status: str, r: int) -> str:
    kind = "pt-resmi" if status == "resmi" else "pt-contoh"
    return f'<circle class="{kind}" cx="{x:.1f}" cy="{y:.1f}" r="{r}"/>'


def line_chart(points: list[dict], width: int, height: int, lang: str, title: str) -> str:
    """One series over the years with a zero-based y axis, every year on the x axis, the last value
    written at its point; filled markers for published figures, open ones for DATA CONTOH."""
    if not points:
        return ""
    left, right, top, bottom = 170, 90, 60, 64
    years = [p["year"] for p in points]
    ticks = nice_ticks(max(p["value"] for p in points))
    first, last = min(years), max(years)
    span = max(last - first, 1)

    def x(year: int) -> float:
        if first == last:  # one year: the point stands in the middle, not on the axis
            return (left + width - right) / 2
        return left + (year - first) / span * (width - left - right)

    def y(value: float) -> float:
        return height - bottom - value / ticks[-1] * (height - top - bottom)

    parts = []
    for tick in ticks:
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>'
                     f'<text class="ax ax-y" x="{left - 16}" y="{y(tick):.1f}" dy="0.35em">{escape(fmt.number(tick, lang=lang))}</text>')
    step = 1 if span <= 10 else 2
    for year in range(first, last + 1, step):
        parts.append(f'<text class="ax ax-x" x="{x(year):.1f}" y="{height - 16}">{year}</text>')
    for run in _segments(points):
        line = " ".join(f"{x(p['year']):.1f},{y(p['value']):.1f}" for p in run)
        parts.append(f'<polyline class="line" points="{line}"/>')
    parts.extend(_marker(x(p["year"]), y(p["value"]), p["status"], 11) for p in points)
    end = points[-1]
    # Write the last value on the side away from the incoming line, and never over the top tick.
    below = (len(points) > 1 and points[-2]["value"] > end["value"]) or y(end["value"]) - 26 < top + 30
    below = below and y(end["value"]) < height - bottom - 60
    parts.append(f'<text class="val" x="{x(end["year"]):.1f}" y="{y(end["value"]) + (52 if below else -26):.1f}">'
                 f'{escape(fmt.number(end["value"], 0, lang))}</text>')
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="{escape(title)}">{"".join(parts)}</svg>')


def sparkline(points: list[dict], width: int, height: int, first: int, last: int) -> str:
    """A small zero-based line over the slide's year range (same x scale in every panel)."""
    if not points:
        return ""
    pad = 12
    top = max(p["value"] for p in points) or 1
    span = max(last - first, 1)

    def xy(p: dict) -> tuple[float, float]:
        return (pad + (p["year"] - first) / span * (width - 2 * pad),
                height - pad - p["value"] / top * (height - 2 * pad))

    lines = "".join('<polyline class="line" points="' + " ".join(f"{a:.1f},{b:.1f}" for a, b in map(xy, run)) + '"/>'
                    for run in _segments(points))
    marks = "".join(_marker(*xy(p), p["status"], 7) for p in points)
    return (f'<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-hidden="true">'
            f'<line class="base" x1="{pad}" x2="{width - pad}" y1="{height - pad}" y2="{height - pad}"/>{lines}{marks}</svg>')

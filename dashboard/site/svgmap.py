"""Inline SVG maps of the 8 kab/kota, drawn from the display layer without geopandas or a browser.

Longitude/latitude are projected equirectangularly with the x axis scaled by cos(latitude) at the
centre of Banten (about 6°S: the distortion across the province is under 0.3%), rounded to whole
units of a 600-unit-wide view box (~0.3 km) and written as relative path commands. That makes the
whole map about 5 kB gzipped, small enough to inline in every page instead of fetching a file.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from dashboard.geo import KEY_PROPERTY, layer_path

WIDTH = 600
#: Parts smaller than this many square view-box units (~0.1 km²) are dropped: invisible at any size.
MIN_PART_AREA = 1.0

Ring = list[tuple[int, int]]


@dataclass(frozen=True)
class Region:
    """One kab/kota projected to view-box units: its rings (outer and holes, all parts)."""

    code: str
    rings: list[Ring]


@dataclass(frozen=True)
class Basemap:
    """The projected kab/kota layer: regions by code and the view-box size."""

    regions: dict[str, Region]
    width: int
    height: int


def load_basemap(path: Path | None = None) -> Basemap | None:
    """Read and project the kab/kota display layer; ``None`` when boundaries are not installed.

    Parameters
    ----------
    path : Path, optional
        A GeoJSON FeatureCollection with ``kode_bps`` properties; defaults to
        ``layer_path("kabkota", display=True)``.
    """
    path = path or layer_path("kabkota", display=True)
    if not path.is_file():
        return None
    return project(json.loads(path.read_text(encoding="utf-8")))


def _polygons(geometry: Mapping) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def project(collection: Mapping, width: int = WIDTH) -> Basemap:
    """Project a FeatureCollection of kab/kota to integer view-box coordinates (y down)."""
    key = KEY_PROPERTY["kabkota"]
    features = [f for f in collection["features"] if f.get("geometry")]
    points = [pt for f in features for poly in _polygons(f["geometry"]) for ring in poly for pt in ring]
    if not points:
        return Basemap({}, width, 0)
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    kx = math.cos(math.radians((min(lats) + max(lats)) / 2))
    scale = (width - 4) / ((max(lons) - min(lons)) * kx)  # 2-unit margin keeps strokes inside
    height = round((max(lats) - min(lats)) * scale) + 4

    def xy(pt: list[float]) -> tuple[int, int]:
        return round((pt[0] - min(lons)) * kx * scale) + 2, round((max(lats) - pt[1]) * scale) + 2

    regions = {}
    for feature in features:
        rings = []
        for poly in _polygons(feature["geometry"]):
            projected = [_dedupe([xy(pt) for pt in ring]) for ring in poly]
            if len(projected[0]) < 3 or abs(_area(projected[0])) < MIN_PART_AREA:
                continue
            rings += [r for r in projected if len(r) >= 3]
        code = str(feature["properties"][key])
        regions[code] = Region(code, rings)
    return Basemap(regions, width, height)


def _dedupe(ring: Ring) -> Ring:
    out: Ring = []
    for pt in ring:
        if not out or pt != out[-1]:
            out.append(pt)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def _area(ring: Ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)) / 2


def path_data(rings: list[Ring]) -> str:
    """SVG path data: absolute move to each ring's start, then relative lines (``m x y l dx dy ...z``)."""
    parts = []
    for ring in rings:
        (x, y), rest = ring[0], ring[1:]
        steps = []
        for nx, ny in rest:
            steps.append(f"{nx - x} {ny - y}")
            x, y = nx, ny
        parts.append(f"M{ring[0][0]} {ring[0][1]}l" + " ".join(steps) + "z")
    return "".join(parts).replace(" -", "-")


def centroid(region: Region) -> tuple[float, float]:
    """Area-weighted centre of the largest ring (a label or marker point)."""
    ring = max(region.rings, key=lambda r: abs(_area(r)))
    a = _area(ring) or 1.0
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))
    return cx / (6 * a), cy / (6 * a)


def svg(basemap: Basemap, fill: Callable[[str], str], label: Callable[[str], str], title: str, desc: str,
        href: Callable[[str], str | None] = lambda code: None, highlight: str | None = None) -> str:
    """An accessible inline SVG map: ``role="img"`` with ``<title>`` and ``<desc>``, one path per region.

    Parameters
    ----------
    fill, label, href
        Colour, tooltip text (plain text, escaped here) and optional link of each region code.
    title, desc
        Plain text read by screen readers (escaped here).
    highlight
        A region drawn last with a heavy outline (and a ring marker, since kota are small).
    """
    esc = html.escape
    codes = sorted(basemap.regions, key=lambda c: c == highlight)
    body = []
    for code in codes:
        region = basemap.regions[code]
        extra = ' class="hl"' if code == highlight else ""
        shape = (f'<path{extra} fill="{esc(fill(code))}" d="{path_data(region.rings)}">'
                 f"<title>{esc(label(code))}</title></path>")
        link = href(code)
        body.append(f'<a href="{esc(link)}">{shape}</a>' if link else shape)
    if highlight in basemap.regions:
        cx, cy = centroid(basemap.regions[highlight])
        body.append(f'<circle class="mk" cx="{cx:.0f}" cy="{cy:.0f}" r="14"/>')
    return (f'<svg class="map" viewBox="0 0 {basemap.width} {basemap.height}" role="img" '
            f'aria-labelledby="map-t map-d">'
            f'<title id="map-t">{esc(title)}</title><desc id="map-d">{esc(desc)}</desc>'
            + "".join(body) + "</svg>")

"""The tappable kab/kota map as plain data: SVG path strings and texts for the region-map component.

Pure: outlines and a map view in, a JSON-ready ``dict`` out; no Streamlit. The component
(``dashboard/ui/regionmap/``) draws each region as one SVG path, so the whole polygon answers a
tap or a click, which Plotly's hidden-centre-point trick could not do on a touch screen.

Every text is plain text: the component puts it into the page with ``textContent`` and
``setAttribute`` only, never as HTML, so a name cannot inject markup.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard.logic.charts import FigureMeta, Outline
from dashboard.logic.classify import Classes
from dashboard.logic.figtext import unit_text
from dashboard.text import fmt
from dashboard.text.i18n import t

#: Width of the view box; the browser scales the drawing to the column.
VIEW_WIDTH = 600
#: Simplification of the kab/kota outlines, in degrees (about a pixel on a phone).
OUTLINE_TOLERANCE = 0.004


@dataclass(frozen=True)
class Projected:
    """Regions as SVG path data in one view box (x right, y down)."""

    paths: dict[str, str]
    width: int
    height: int


def project(shapes: Mapping[str, Outline], width: int = VIEW_WIDTH) -> Projected:
    """Project lon/lat outlines (rings separated by ``None``) to path data in a ``width``-wide view box.

    Equirectangular with x scaled by cos(latitude) at the centre of the layer: across Banten (about
    1.5 degrees) the distortion is under 0.3 %, invisible at screen size.
    """
    xs = [x for o in shapes.values() for x in o.xs if x is not None]
    ys = [y for o in shapes.values() for y in o.ys if y is not None]
    if not xs:
        return Projected({}, width, 0)
    kx = math.cos(math.radians((min(ys) + max(ys)) / 2))
    scale = (width - 4) / ((max(xs) - min(xs)) * kx)
    height = round((max(ys) - min(ys)) * scale) + 4

    def point(x: float, y: float) -> str:
        return f"{(x - min(xs)) * kx * scale + 2:.1f} {(max(ys) - y) * scale + 2:.1f}"

    paths = {}
    for code, outline in shapes.items():
        parts, ring = [], []
        for x, y in zip(outline.xs, outline.ys, strict=True):
            if x is None:
                if len(ring) >= 3:
                    parts.append("M" + "L".join(ring) + "Z")
                ring = []
            else:
                ring.append(point(x, y))
        if len(ring) >= 3:
            parts.append("M" + "L".join(ring) + "Z")
        paths[code] = "".join(parts)
    return Projected(paths, width, height)


def _tip(row: Mapping, meta: FigureMeta, value_col: str) -> list[str]:
    """What a region says on hover or to a screen reader: name, value as published, rate, status."""
    lines = [str(row["nama"])]
    if pd.isna(row.get("value")):
        return [*lines, fmt.MISSING[meta.lang]]
    lines.append(str(row.get("value_text") or fmt.value_with_unit(row["value"], meta.unit, meta.lang)))
    if value_col == "rate" and pd.notna(row.get("rate")):
        lines.append(f"{fmt.number(row['rate'], 1, meta.lang)} {meta.unit}")
    if row.get("status"):
        lines.append(f"{t('common.status', meta.lang)}: {t('common.status_' + str(row['status']), meta.lang)}")
    return lines


def footer_lines(meta: FigureMeta) -> list[str]:
    """Source, status and date as separate lines (HTML wraps them to the width it has)."""
    lines = [f"{t('common.source', meta.lang)}: {meta.source}", f"{t('common.status', meta.lang)}: {meta.status_text()}"]
    if meta.data_per:
        lines.append(t("common.data_per", meta.lang, date=meta.data_per))
    return lines


def payload(frame: pd.DataFrame, projected: Projected, classes: Classes, meta: FigureMeta, value_col: str,
            href: Callable[[str], str], hint: str) -> dict:
    """Everything the component draws for one map view, as JSON-ready data.

    ``frame`` is a map view's frame (kode_wilayah, nama, value, value_text, status, [rate]);
    regions without an outline are left out (the bars and the table beside the map still list them).
    ``href`` gives the address each region links to (used for a new tab and as the link's target).
    """
    regions = []
    for row in frame.to_dict("records"):
        code = str(row["kode_wilayah"])
        if code not in projected.paths:
            continue
        value = row.get(value_col)
        missing = value is None or pd.isna(value)
        regions.append({"kode": code, "d": projected.paths[code], "href": href(code),
                        "fill": classes.color_of(None if missing else float(value)),
                        "tip": _tip(row, meta, value_col)})
    legend = [{"color": c, "label": label} for c, label in zip(classes.colors, classes.labels, strict=True)]
    if frame[value_col].isna().any():
        legend.append({"color": classes.color_of(None), "label": fmt.MISSING[meta.lang]})
    return {
        "mode": "svg",
        "title": meta.title,
        "subtitle": f"{unit_text(meta.unit, meta.lang)} · {meta.period}",
        "contoh": "DATA CONTOH" if meta.status in ("contoh", "campuran") else "",
        "legend": legend,
        "footer": footer_lines(meta),
        "hint": hint,
        "width": projected.width,
        "height": projected.height,
        "regions": regions,
    }


def kabkota_spec(view, projected: Projected, lang: str) -> dict:
    """The spec of a kab/kota map view: each region links to its Wilayah profile in the same language."""
    suffix = "&lang=en" if lang == "en" else ""
    return payload(view.frame, projected, view.classes, view.meta, view.value_col,
                   lambda kode: f"/wilayah?kode={kode}{suffix}", t("peta.tap_hint", lang))

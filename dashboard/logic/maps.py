"""The interactive kecamatan choropleth (folium/Leaflet): offline, injection-safe, phone-friendly.

Three promises, each tested:

- **No internet.** The page loads Leaflet only, from the app's own ``/app/static/vendor/`` (see
  ``dashboard/static/vendor/VENDOR.md``); there is no tile layer, and the legend is HTML (branca's
  colour scale would fetch d3 from a CDN). Tests load the page, alone and framed in the app, offline.
- **No injection.** folium puts tooltip values into ``innerHTML`` and ``Tooltip`` text into a JS
  template literal, and (via branca's ``MacroElement.render``) parses every element's rendered output
  a second time as a Jinja2 template, so ``{{ ... }}`` in a name runs Python on the server. Every text
  taken from data is therefore HTML-escaped here, with ``$``, backtick, ``{`` and ``}`` as character
  references, before folium sees it; region codes must be 7 digits.
- **No trapped finger.** Wheel zoom is off and one-finger dragging is off on touch devices, so
  scrolling the page over the map scrolls the page; zoom buttons and pinch still zoom. A tap on a
  kecamatan is posted to the frame around the page (:class:`~dashboard.logic.mapscripts.TapRelay`),
  which hands its code to the app; the legend folds on a narrow map.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping

import folium
import pandas as pd
from folium.map import FitBounds
from folium.utilities import JsCode

from dashboard.logic.figtext import unit_text
from dashboard.logic.mapscripts import LegendAndCredits, TapRelay
from dashboard.text import fmt
from dashboard.text.i18n import t

DEFAULT_STATIC_URL = "/app/static"
LEAFLET_DIR = "vendor/leaflet-1.9.4"
NO_DATA_COLOR = "#bdbdbd"
LICENCE_URL = "https://creativecommons.org/licenses/by/3.0/igo/"
#: Required credit of the boundary layer (geo/SOURCES.md), split around the licence link.
BOUNDARY_ATTRIBUTION = {
    "id": ("Batas administrasi: BPS – OCHA ROAP, COD-AB edisi BPS 2020, ", "; disederhanakan"),
    "en": ("Administrative boundaries: BPS – OCHA ROAP, COD-AB BPS 2020 edition, ", "; simplified"),
}
_HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_BOX = "display:inline-block;width:14px;height:10px;margin-right:6px;border:1px solid #636363;background:"


_INERT = str.maketrans({"$": "&#36;", "`": "&#96;", "{": "&#123;", "}": "&#125;"})


def escape_text(value: object) -> str:
    """Text from data made inert for HTML, JS template literals (``${``) and Jinja2 (``{{``, ``{%``)."""
    return html.escape(str(value), quote=True).translate(_INERT)


def _field(obj: object, name: str, default: object = None) -> object:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def class_color(value: object, bins: list[float], colors: list[str]) -> str:
    """Colour of the first class whose upper bound holds ``value``; grey for no data."""
    if _missing(value) or not bins:
        return NO_DATA_COLOR
    return next((c for upper, c in zip(bins, colors, strict=True) if value <= upper + 1e-9), colors[-1])


def _status_label(statuses: set[str], lang: str) -> str:
    if "contoh" in statuses:
        return t("common.status_contoh" if statuses == {"contoh"} else "common.status_campuran", lang)
    return t("common.status_resmi", lang)


def _hover(props: Mapping, row: Mapping | None, meta: object, lang: str) -> str:
    name = row.get("name") if row is not None and not _missing(row.get("name")) else props.get("nama", "")
    lines = [f"<b>{escape_text(name)}</b>", escape_text(props.get("nama_kabkota", ""))]
    value = None if row is None else row.get("value")
    unit = str(_field(meta, "unit", "") or "")
    lines.append(f"{escape_text(t('common.value', lang))}: {escape_text(fmt.value_with_unit(value, unit, lang))}")
    if row is not None and not _missing(row.get("value")):
        if "rate" in row and not _missing(row["rate"]):
            per = int(_field(meta, "rate_per", 1000) or 1000)
            lines.append(f"{escape_text(t('common.rate', lang))}: {escape_text(fmt.rate(row['rate'], per, lang))}")
        status = row.get("status") if not _missing(row.get("status")) else _field(meta, "status", "")
        lines.append(f"{escape_text(t('common.status', lang))}: {escape_text(_status_label({str(status)}, lang))}")
    return "<br>".join(line for line in lines if line)


def _legend(meta: object, labels: list[str], colors: list[str], status: str, lang: str) -> str:
    head = escape_text(_field(meta, "title", "") or "")
    sub = " · ".join(escape_text(x) for x in (_field(meta, "unit"), _field(meta, "period")) if not _missing(x) and x != "")
    rows = [f'<div><i style="{_BOX}{c}"></i>{escape_text(label)}</div>' for c, label in zip(colors, labels, strict=True)]
    rows.append(f'<div><i style="{_BOX}{NO_DATA_COLOR}"></i>{escape_text(fmt.MISSING[lang])}</div>')
    return (
        f'<summary style="cursor:pointer;font-weight:600">{escape_text(t("peta.legend", lang))}</summary>'
        f'<div style="font-weight:600">{head}</div>' + (f"<div>{sub}</div>" if sub else "") + "".join(rows)
        + f'<div style="margin-top:4px;font-weight:600">{escape_text(t("common.status", lang))}: {escape_text(status)}</div>'
    )


def _attribution(meta: object, any_contoh: bool, lang: str) -> str:
    licence = f'<a href="{LICENCE_URL}" target="_blank" rel="noopener noreferrer">CC BY 3.0 IGO</a>'
    before, after = BOUNDARY_ATTRIBUTION[lang]
    parts = [escape_text(before) + licence + escape_text(after)]
    source = _field(meta, "source")
    if not _missing(source) and source != "":
        parts.append(f"{escape_text(t('common.source', lang))}: {escape_text(source)}")
    if any_contoh:
        parts.append(f"<b>{escape_text(t('common.status_contoh', lang))}</b>")
    return " · ".join(parts)


def kecamatan_map(frame: pd.DataFrame, geojson: Mapping, classes: object, meta: object, lang: str = "id",
                  static_url: str = DEFAULT_STATIC_URL) -> folium.Map:
    """Choropleth of kecamatan values that needs no internet.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per kecamatan: ``kode_wilayah`` (7-digit BPS code), ``value``; optional ``rate``,
        ``status`` ("resmi"/"contoh"), ``name`` (else the layer's ``nama``). Kecamatan without a row
        or with an empty value are grey ("tidak ada data").
    geojson : Mapping
        FeatureCollection whose features carry ``kode``, ``nama`` and ``nama_kabkota``.
    classes : object or Mapping
        ``bins`` (upper bounds, ascending), ``colors`` (``#rrggbb``), ``labels``, as from
        ``dashboard.logic.classify.classify``.
    meta : object or Mapping
        ``title``, ``unit``, ``period``, ``source``, ``status``; optional ``rate_per`` (default 1000).
    lang : {"id", "en"}
    static_url : str
        URL of ``dashboard/static/``; change it only when the app runs under a ``baseUrlPath``.

    Returns
    -------
    folium.Map
        With stable element ids, so the same inputs render byte-identical HTML.

    Raises
    ------
    ValueError
        Duplicate or unknown ``kode_wilayah`` (a row that would silently vanish), a code that is not
        7 digits (codes reach the page unescaped), a colour that is not ``#rrggbb``, or a class
        coloured with the no-data grey.
    """
    bins = [float(b) for b in _field(classes, "bins", [])]
    colors, labels = list(_field(classes, "colors", [])), list(_field(classes, "labels", []))
    if not all(_HEX_COLOR.fullmatch(c) for c in colors) or len(colors) != len(bins):
        raise ValueError(f"classes need one #rrggbb colour per bin, got bins={bins} colors={colors}")
    if NO_DATA_COLOR in (c.lower() for c in colors):
        raise ValueError(f"{NO_DATA_COLOR} is reserved for 'tidak ada data'; pick another class colour")
    codes = frame["kode_wilayah"].astype(str)
    if codes.duplicated().any():
        raise ValueError(f"duplicate kode_wilayah in map frame: {sorted(set(codes[codes.duplicated()]))}")
    rows = dict(zip(codes, frame.to_dict("records"), strict=True))
    layer_codes = {str(f["properties"]["kode"]) for f in geojson["features"]}
    if bad := sorted(c for c in layer_codes | set(rows) if not re.fullmatch(r"\d{7}", c)):
        raise ValueError(f"kecamatan codes must be 7 digits: {bad[:5]}")
    if unknown := sorted(set(rows) - layer_codes):
        raise ValueError(f"kode_wilayah not in the boundary layer (would not be drawn): {unknown}")

    features, fill = [], {}
    for feature in geojson["features"]:
        props = feature["properties"]
        code, row = str(props["kode"]), rows.get(str(props["kode"]))
        fill[code] = class_color(None if row is None else row.get("value"), bins, colors)
        hover = _hover(props, row, meta, lang)
        features.append({"type": "Feature", "id": code, "properties": {"kode": code, "hover": hover},
                         "geometry": feature["geometry"]})

    statuses = {str(s) for s in frame.get("status", pd.Series(dtype=str)).dropna()} or {str(_field(meta, "status", ""))}
    bounds = _bounds(features)
    m = folium.Map(location=[(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2], tiles=None,
                   zoom_start=9, scroll_wheel_zoom=False, dragging=JsCode("!L.Browser.mobile"),
                   zoom_snap=0.25, zoom_delta=0.5, font_size="0.75rem")
    base = f"{static_url.rstrip('/')}/{LEAFLET_DIR}"
    m.default_js = [("leaflet", f"{base}/leaflet.js")]
    m.default_css = [("leaflet_css", f"{base}/leaflet.css")]
    layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=lambda f: {"fillColor": fill[f["id"]], "fillOpacity": 0.9, "color": "#ffffff", "weight": 0.7},
        highlight_function=lambda f: {"weight": 2.5, "color": "#1b1f24"},
        tooltip=folium.GeoJsonTooltip(fields=["hover"], labels=False, sticky=True, style="font-size:0.875rem"),
    ).add_to(m)
    TapRelay(layer).add_to(m)
    fit = FitBounds(bounds)
    fit.options["animate"] = False  # an animated first zoom left the SVG half-drawn on phones
    m.add_child(fit)
    legend = _legend(meta, labels, colors, _status_label(statuses, lang), lang)
    LegendAndCredits(legend, _attribution(meta, "contoh" in statuses, lang)).add_to(m)
    _stable_ids(m)
    return m


def _bounds(features: list[dict]) -> list[list[float]]:
    """``[[south, west], [north, east]]`` of Polygon/MultiPolygon features."""
    lons, lats = [], []
    for feature in features:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for ring in (ring for polygon in polygons for ring in polygon):
            lons += [p[0] for p in ring]
            lats += [p[1] for p in ring]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _stable_ids(root: object) -> None:
    """Replace folium's random element ids by a counter, so equal maps render equal HTML.

    Streamlit caches large messages by hash; random ids made every rerun re-send the whole map.
    """
    counter = 0

    def walk(element: object) -> None:
        nonlocal counter
        element._id = f"{counter:04d}"
        counter += 1
        for child in list(getattr(element, "_children", {}).values()):
            walk(child)

    walk(root.get_root() if hasattr(root, "get_root") else root)


def map_html(m: folium.Map) -> str:
    """The whole standalone page of ``m``, loading only ``/app/static/vendor/...``.

    The app writes it once per choice as a file (``dashboard.publish.write_map``) served under its own sandboxing
    policy and framed by the region-map component (``dashboard/ui/mapclick.py``); element ids are
    stable, so the same inputs give the same file. Why not streamlit-folium: README, "On a phone".
    """
    return m.get_root().render()



def kecamatan_map_html(view, layer: dict, within: str | None, lang: str) -> str:
    """The Leaflet kecamatan map of a :class:`dashboard.viewmodel.mapview.MapView` as one HTML document."""
    features = [f for f in layer["features"] if not within or f["properties"]["kode_bps_kabkota"] == within]
    frame = view.frame.rename(columns={"nama": "name"})[["kode_wilayah", "name", "value", "status"]]
    meta = view.meta
    m = kecamatan_map(frame, {"type": "FeatureCollection", "features": features}, view.classes,
                      {"title": meta.title, "unit": unit_text(meta.unit, lang), "period": meta.period,
                       "source": meta.source,
                       "status": meta.status}, lang)
    return map_html(m)

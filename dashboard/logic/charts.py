"""Plotly figure builders. Pure: data in, ``go.Figure`` out; no Streamlit.

Every figure carries its title, unit, period, source and status inside it (journalists screenshot
charts; a figure cut loose from the page must still say where it comes from), uses Indonesian
separators, and marks demonstration data "DATA CONTOH" in the figure itself.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import shapely
from shapely.geometry import shape

from dashboard.logic.classify import Classes
from dashboard.text import fmt
from dashboard.text.i18n import t

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
INK = "#1b1f24"
MUTED = "#57606a"
CONTOH_COLOR = "#b35900"


@dataclass(frozen=True)
class FigureMeta:
    """What a figure must say about itself."""

    title: str
    unit: str
    period: str
    source: str
    status: str  # resmi | contoh | campuran
    data_per: str = ""
    lang: str = "id"

    def status_text(self) -> str:
        return t(f"common.status_{self.status}", self.lang) if self.status else ""

    def footer(self, width: int = 60) -> str:
        """Source, status and date, wrapped so it stays inside a phone-width figure."""
        source = textwrap.shorten(self.source, 160, placeholder=" …")
        status = f"{t('common.status', self.lang)}: {self.status_text()}"
        if self.data_per:
            status += " · " + t("common.data_per", self.lang, date=self.data_per)
        lines = textwrap.wrap(f"{t('common.source', self.lang)}: {source}", width) + [status]
        return "\n".join(lines)


class BuiltFigure(go.Figure):
    """A figure that is built once and then only shown: its dict form is computed once.

    Streamlit calls ``to_dict()`` on every run that shows a figure, which deep-copies every
    coordinate list (a third of a map page's server time). Figures from this module are cached per
    data release and never changed after they are built, so the first result is kept and reused.
    """

    def to_dict(self) -> dict:
        built = self.__dict__.get("_built_dict")
        if built is None:
            built = super().to_dict()
            object.__setattr__(self, "_built_dict", built)
        return built


def _layout(fig: go.Figure, meta: FigureMeta, height: int, right_margin: int = 8) -> go.Figure:
    subtitle = f"{meta.unit} · {meta.period}"
    # Titles wrap so a 360 px phone shows them whole; the top margin grows with the lines.
    title_lines = textwrap.wrap(meta.title, 36) or [""]
    title = "<br>".join(f"<b>{_esc(line)}</b>" for line in title_lines)
    fig.update_layout(
        title={"text": f"{title}<br><span style='font-size:13px;color:{MUTED}'>{_esc(subtitle)}</span>",
               "x": 0, "xanchor": "left", "font": {"size": 17, "color": INK}},
        font={"family": FONT, "size": 13, "color": INK},
        separators=fmt.plotly_separators(meta.lang),
        margin={"l": 8, "r": right_margin, "t": 78 + 20 * len(title_lines),
                "b": 16 + 15 * len(meta.footer().split("\n"))},
        height=height,
        paper_bgcolor="white", plot_bgcolor="white",
        hoverlabel={"font": {"family": FONT, "size": 14}},
    )
    footer = "<br>".join(_esc(line) for line in meta.footer().split("\n"))
    fig.add_annotation(text=footer, x=0, xref="paper", y=0, yref="paper", yanchor="top", yshift=-6,
                       showarrow=False, align="left", xanchor="left", font={"size": 11, "color": MUTED})
    if meta.status in ("contoh", "campuran"):
        fig.add_annotation(text="<b>DATA CONTOH</b>", x=1, xref="paper", y=1.0, yref="paper", yanchor="bottom",
                           xanchor="right", showarrow=False, font={"size": 13, "color": CONTOH_COLOR},
                           bordercolor=CONTOH_COLOR, borderwidth=1, borderpad=3)
    return BuiltFigure(fig)


def _esc(text: str) -> str:
    """Plotly renders a small HTML subset in titles and annotations: escape data-derived text."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _value_text(row: pd.Series, meta: FigureMeta) -> str:
    """The value as published (``value_text`` from the view model), else formatted here."""
    text = row.get("value_text")
    return text if isinstance(text, str) and text else fmt.value_with_unit(row["value"], row.get("unit") or meta.unit,
                                                                          meta.lang)


def _bar_label(row: pd.Series, meta: FigureMeta, value_col: str) -> str:
    if pd.isna(row.get(value_col)):
        return fmt.MISSING[meta.lang]
    if value_col == "rate":
        return fmt.number(row["rate"], 1, meta.lang)
    text = row.get("short_text")
    return text if isinstance(text, str) and text else fmt.number(row[value_col], lang=meta.lang)


def _hover(row: pd.Series, meta: FigureMeta, value_col: str) -> str:
    lines = [f"<b>{_esc(row['nama'])}</b>"]
    if pd.isna(row.get("value")):
        lines.append(fmt.MISSING[meta.lang])
    else:
        lines.append(_esc(_value_text(row, meta)))
        if value_col == "rate" and pd.notna(row.get("rate")):
            lines.append(_esc(f"{fmt.number(row['rate'], 1, meta.lang)} {meta.unit}"))
        status = row.get("status") or ""
        if status:
            lines.append(t(f"common.status_{status}", meta.lang))
    return "<br>".join(lines)


@dataclass(frozen=True)
class Outline:
    """A region drawn as SVG paths: ring coordinates separated by None, and a point inside it."""

    xs: tuple
    ys: tuple
    label_x: float
    label_y: float


def outlines(geojson: dict, key: str, tolerance: float = 0.0) -> dict[str, Outline]:
    """Polygon rings of every feature, keyed by the property ``key`` (built once per layer).

    Maps are drawn as filled SVG paths on plain axes rather than Plotly's ``geo`` (which fetches
    topojson from a CDN even when hidden) or ``map`` traces (WebGL): no network, no GPU, light.
    ``tolerance`` (degrees) simplifies the layer as one coverage, so neighbours keep sharing their
    borders: a map 360-700 px wide needs no detail finer than a pixel (about 0.002-0.004 degrees),
    and every vertex costs bytes on the wire and CPU on every rerun (Plotly copies the figure).
    """
    geoms = [shape(feature["geometry"]) for feature in geojson["features"]]
    if tolerance:
        geoms = list(shapely.coverage_simplify(geoms, tolerance))
    result = {}
    for feature, geom in zip(geojson["features"], geoms, strict=True):
        xs: list = []
        ys: list = []
        for poly in getattr(geom, "geoms", [geom]):
            for ring in [poly.exterior, *poly.interiors]:
                coords = list(ring.coords)
                xs.extend([round(c[0], 4) for c in coords] + [None])
                ys.extend([round(c[1], 4) for c in coords] + [None])
        point = geom.representative_point()
        result[str(feature["properties"][key])] = Outline(tuple(xs), tuple(ys), point.x, point.y)
    return result


def choropleth(frame: pd.DataFrame, shapes: dict[str, Outline], classes: Classes, meta: FigureMeta,
               value_col: str = "value", height: int = 460) -> go.Figure:
    """Choropleth of regions in discrete classes; one legend entry per class, grey for no data.

    ``frame`` needs kode_wilayah, nama, value, unit, status (and ``rate`` when ``value_col="rate"``);
    ``shapes`` comes from :func:`outlines`. Each region also gets an invisible marker at a point
    inside it, which carries the hover text and makes the region clickable (selection -> profile).
    """
    fig = go.Figure()
    legend_seen: set[str] = set()
    frame = frame[frame["kode_wilayah"].isin(shapes.keys())]
    for _, row in frame.iterrows():
        value = row[value_col]
        color = classes.color_of(None if pd.isna(value) else float(value))
        index = classes.class_of(None if pd.isna(value) else float(value))
        label = fmt.MISSING[meta.lang] if index is None else classes.labels[index]
        outline = shapes[row["kode_wilayah"]]
        fig.add_trace(go.Scatter(
            x=outline.xs, y=outline.ys, mode="lines", fill="toself", fillcolor=color,
            line={"color": "white", "width": 1}, hoverinfo="skip", name=label,
            legendgroup=label, showlegend=label not in legend_seen,
            legendrank=999 if index is None else index,
        ))
        legend_seen.add(label)
    fig.add_trace(go.Scatter(
        x=[shapes[c].label_x for c in frame["kode_wilayah"]], y=[shapes[c].label_y for c in frame["kode_wilayah"]],
        mode="markers", marker={"size": 18, "opacity": 0.01}, customdata=frame["kode_wilayah"],
        hovertext=[_hover(r, meta, value_col) for _, r in frame.iterrows()], hoverinfo="text", showlegend=False,
        name="wilayah",
    ))
    fig.update_xaxes(visible=False, fixedrange=True)
    fig.update_yaxes(visible=False, fixedrange=True, scaleanchor="x", scaleratio=1.0)
    # Legend over the sea in the top-left corner (as on the Leaflet map): never over the title.
    fig.update_layout(legend={"orientation": "v", "y": 1.0, "x": 0, "yanchor": "top", "xanchor": "left",
                              "bgcolor": "rgba(255,255,255,0.85)", "font": {"size": 12},
                              "traceorder": "normal"},
                      dragmode=False, hovermode="closest", clickmode="event+select")
    return _layout(fig, meta, height)


def ranked_bars(frame: pd.DataFrame, meta: FigureMeta, classes: Classes | None = None, value_col: str = "value",
                highlight: str | None = None, height: int | None = None) -> go.Figure:
    """Horizontal bars sorted high to low (the small cities stay visible next to Lebak).

    Regions without data stay in the chart, labelled "tidak ada data". Bar colours follow the map's
    classes so the two read together.
    """
    data = frame.sort_values(value_col, ascending=True, na_position="first")
    values = data[value_col]
    colors = [classes.color_of(v) if classes else "#2c7fb8" for v in values]
    if highlight:
        colors = [c if code == highlight else c + "99" for c, code in zip(colors, data["kode_wilayah"], strict=True)]
    labels = [_bar_label(r, meta, value_col) for _, r in data.iterrows()]
    fig = go.Figure(go.Bar(
        x=values.fillna(0), y=data["nama"].map(_esc), orientation="h", marker={"color": colors, "line": {"color": "#4a4a4a", "width": 0.3}},
        text=labels, textposition="outside", cliponaxis=False,
        hovertext=[_hover(r, meta, value_col) for _, r in data.iterrows()], hoverinfo="text",
    ))
    # Every bar carries its value; axis numbers would only collide with the source line below.
    fig.update_xaxes(showgrid=True, gridcolor="#eaeef2", showticklabels=False, rangemode="tozero",
                     fixedrange=True)
    fig.update_yaxes(fixedrange=True, automargin=True)
    fig.update_layout(showlegend=False, bargap=0.25)
    return _layout(fig, meta, height or max(320, 34 * len(data) + 170), right_margin=56)


def trend_lines(trend: pd.DataFrame, meta: FigureMeta, height: int = 460) -> go.Figure:
    """One line per region over the years of one series; a year without a figure is a gap in the line
    (never bridged); open markers mark DATA CONTOH points; a dotted vertical line where the source
    changes. Hover texts come from the view model (values as published, the change within the series)."""
    fig = go.Figure()
    first, last = (int(trend["year"].min()), int(trend["year"].max())) if len(trend) else (0, 0)
    for _code, group in trend.groupby("kode_wilayah", sort=False):
        group = group.set_index("year").reindex(range(first, last + 1)).reset_index()
        present = group["value"].notna()
        symbols = ["circle" if s == "resmi" else "circle-open" for s in group["status"].fillna("resmi")]
        name = group.loc[present, "nama"].iloc[0]
        hover = [
            "<br>".join([f"<b>{_esc(name)}</b> · {r['year']}", _esc(_value_text(r, meta)),
                         _esc(r["change"].text(meta.lang)), t(f"common.status_{r['status']}", meta.lang),
                         _esc(str(r["source_title"])[:80])]) if ok else ""
            for ok, (_, r) in zip(present, group.iterrows(), strict=True)
        ]
        fig.add_trace(go.Scatter(x=group["year"], y=group["value"], mode="lines+markers", name=_esc(name),
                                 connectgaps=False, marker={"symbol": symbols, "size": 9, "line": {"width": 2}},
                                 line={"width": 2.5}, hovertext=hover, hoverinfo="text"))
    # A dotted line where a series changes source; the caption under the chart says so.
    for year in sorted(trend.loc[trend["source_changed"], "year"].unique()):
        fig.add_vline(x=year - 0.5, line={"dash": "dot", "color": MUTED, "width": 1})
    fig.update_xaxes(dtick=1 if last - first <= 8 else 2, tickformat="d", fixedrange=True, showgrid=False)
    fig.update_yaxes(rangemode="tozero", fixedrange=True, gridcolor="#eaeef2")
    fig.update_layout(legend={"orientation": "h", "y": -0.18, "x": 0}, hovermode="closest", margin={"b": 110})
    return _layout(fig, meta, height)

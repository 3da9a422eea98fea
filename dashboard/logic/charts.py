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

from dashboard.data import reference
from dashboard.logic.classify import Classes
from dashboard.logic.figtext import unit_text
from dashboard.text import fmt
from dashboard.text.i18n import t

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
INK = "#1b1f24"
MUTED = "#57606a"
CONTOH_COLOR = "#b35900"
#: What a chart gets on a 360 px phone: the page column (about 340 px) less the figure's side margins.
PHONE_PLOT_WIDTH = 320
TITLE_PX, FOOTER_PX, LINE_PX = 17, 11, 14
TITLE_TOP_PX = 8  # space above a chart's title
#: Width per character of a 13 px axis label (generous: the margin must hold the longest name).
LABEL_CHAR_PX = 6.9
#: Height of the year labels under a plot, and of one legend row.
TICKS_PX, LEGEND_ROW_PX = 26, 20


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

    def footer(self, width_px: int = PHONE_PLOT_WIDTH) -> str:
        """Source, status and date, each wrapped to what ``width_px`` holds at the footer's type size.

        One figure serves every screen, so the default is the narrowest it is drawn at: a 360 px
        phone leaves about 320 px for the text.
        """
        chars = chars_for(width_px, FOOTER_PX)
        source = textwrap.shorten(self.source, 160, placeholder=" …")
        parts = [f"{t('common.source', self.lang)}: {source}", f"{t('common.status', self.lang)}: {self.status_text()}"]
        if self.data_per:
            parts.append(t("common.data_per", self.lang, date=self.data_per))
        lines: list[str] = []
        for part in parts:
            # Status and date share a line when it fits (they are short), else each has its own.
            if lines and part is not parts[0] and len(lines[-1]) + 3 + len(part) <= chars and lines[-1] != lines[0]:
                lines[-1] += " · " + part
            else:
                lines += textwrap.wrap(part, chars)
        return "\n".join(lines)


def chars_for(width_px: int, font_px: float) -> int:
    """How many characters of running text fit in ``width_px`` at ``font_px`` (a safe average:
    system sans-serif fonts set mixed text at about 0.55 em per character; wide capitals, rare in
    running text, are what the margin is for)."""
    return max(20, int(width_px / (font_px * 0.58)))


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


def _layout(fig: go.Figure, meta: FigureMeta, plot_height: int, right_margin: int = 8, left_margin: int = 8,
            below_plot: int = 0) -> go.Figure:
    """Title block (title, unit and period, DATA CONTOH when shown), footer, type and margins.

    Everything is stacked, never overlaid: the DATA CONTOH mark is a line of the title block, and the
    footer starts at the figure's left edge (``xshift`` undoes the left margin, which holds the bar
    labels) below whatever the figure puts under its plot (``below_plot`` pixels: tick labels,
    legend).
    """
    subtitle = f"{unit_text(meta.unit, meta.lang)} · {meta.period}"
    # Titles wrap so a 360 px phone shows them whole; the top margin grows with the lines.
    title_lines = textwrap.wrap(meta.title, chars_for(PHONE_PLOT_WIDTH, TITLE_PX * 1.05)) or [""]
    title = "<br>".join(f"<b>{_esc(line)}</b>" for line in title_lines)
    sub_lines = textwrap.wrap(subtitle, chars_for(PHONE_PLOT_WIDTH, 13)) or [""]
    title += "".join(f"<br><span style='font-size:13px;color:{MUTED}'>{_esc(line)}</span>" for line in sub_lines)
    contoh = meta.status in ("contoh", "campuran")
    if contoh:
        title += f"<br><span style='font-size:13px;color:{CONTOH_COLOR}'><b>DATA CONTOH</b></span>"
    footer_lines = meta.footer().split("\n")
    lines = len(title_lines) + len(sub_lines) + contoh
    # Plotly sets every line of a title 22 px apart (its font's line height, spans included) and draws a
    # top-anchored title 15 px above its anchor (measured in Chromium): so the pad, and the margin
    # below that holds every line above the plot.
    top = TITLE_TOP_PX + 18 + 22 * (lines - 1) + 14
    bottom = below_plot + 10 + LINE_PX * len(footer_lines)
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "xref": "container", "y": 1, "yanchor": "top",
               "yref": "container", "pad": {"l": 8, "t": TITLE_TOP_PX + 15}, "font": {"size": TITLE_PX, "color": INK}},
        font={"family": FONT, "size": 13, "color": INK},
        separators=fmt.plotly_separators(meta.lang),
        margin={"l": left_margin, "r": right_margin, "t": top, "b": bottom},
        height=top + plot_height + bottom,
        paper_bgcolor="white", plot_bgcolor="white",
        hoverlabel={"font": {"family": FONT, "size": 14}},
    )
    footer = "<br>".join(_esc(line) for line in footer_lines)
    fig.add_annotation(text=footer, x=0, xref="paper", y=0, yref="paper", yanchor="top", xanchor="left",
                       xshift=8 - left_margin, yshift=-below_plot - 4, showarrow=False, align="left",
                       font={"size": FOOTER_PX, "color": MUTED})
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
    names = unique_names(data)
    fig = go.Figure(go.Bar(
        x=values.fillna(0), y=[_esc(n) for n in names], orientation="h",
        marker={"color": colors, "line": {"color": "#4a4a4a", "width": 0.3}},
        text=labels, textposition="outside", cliponaxis=False,
        hovertext=[_hover(r, meta, value_col) for _, r in data.iterrows()], hoverinfo="text",
    ))
    # Every bar carries its value; axis numbers would only collide with the source line below.
    fig.update_xaxes(showgrid=True, gridcolor="#eaeef2", showticklabels=False, rangemode="tozero",
                     fixedrange=True)
    fig.update_yaxes(fixedrange=True, automargin=True)
    fig.update_layout(showlegend=False, bargap=0.25)
    # The labels' margin is set from their length (automargin only ever widens it), so the footer
    # can start at the figure's left edge rather than under the bars.
    left = 12 + round(LABEL_CHAR_PX * max((len(n) for n in names), default=4))
    return _layout(fig, meta, height or max(150, 30 * len(data) + 10), right_margin=60, left_margin=left)


def unique_names(frame: pd.DataFrame) -> list[str]:
    """Region names, with the kab/kota added where a name repeats (Banten has two kecamatan Curug,
    in Kab. Tangerang and Kota Serang): Plotly would otherwise draw both on one bar."""
    names = frame["nama"].astype(str)
    repeated = names.duplicated(keep=False)
    if not repeated.any() or "kode_kabkota" not in frame:
        return list(names)
    kab = reference.region_names()
    return [f"{n} ({kab.get(k, k)})" if r else n for n, k, r in zip(names, frame["kode_kabkota"], repeated, strict=True)]


def trend_lines(trend: pd.DataFrame, meta: FigureMeta, height: int = 280) -> go.Figure:
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
    # Year labels about 45 px apart at most, so a 320 px plot shows them without running together.
    span = last - first
    fig.update_xaxes(dtick=1 if span <= 5 else 2 if span <= 12 else 5, tickformat="d", fixedrange=True,
                     showgrid=False, automargin=False)
    fig.update_yaxes(rangemode="tozero", fixedrange=True, gridcolor="#eaeef2")
    # The legend sits under the year labels in two columns at any width (so its height is known and
    # the footer goes under it): about a fifth of a phone screen for nine regions, not half of it.
    rows = -(-len(fig.data) // 2)
    legend_px = rows * LEGEND_ROW_PX + 6
    fig.update_layout(legend={"orientation": "h", "x": 0, "xanchor": "left", "y": -TICKS_PX / height,
                              "yanchor": "top", "entrywidth": 0.5, "entrywidthmode": "fraction",
                              "font": {"size": 11}, "tracegroupgap": 0},
                      showlegend=True, hovermode="closest")
    return _layout(fig, meta, height, below_plot=TICKS_PX + legend_px)

"""The briefing slides as one self-contained HTML document (inline CSS, SVG, QR codes and a small script).

No external scripts, styles, fonts or tiles: the document works on a meeting-room screen with no
internet. Every text that comes from data passes through :func:`html.escape` here, once.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from pathlib import Path

import qrcode
import qrcode.image.svg

from dashboard.briefing import svg as briefing_svg
from dashboard.logic.classify import NO_DATA_COLOR
from dashboard.text.i18n import t
from dashboard.viewmodel.briefing import Params, Slide

ASSETS = Path(__file__).resolve().parent / "assets"
#: Theme colours. Body text on its background is at least 7:1 (WCAG AAA), badges at least 4.5:1
#: (large bold text); a test checks both.
THEMES = {
    "terang": {"bg": "#ffffff", "panel": "#f1f4f8", "ink": "#0b1320", "muted": "#374151", "rule": "#c3cad3",
               "track": "#e3e8ee", "accent": "#0b4f8a", "resmi-bg": "#0b4f8a", "resmi-ink": "#ffffff",
               "contoh-bg": "#8f3600", "contoh-ink": "#ffffff", "nodata": NO_DATA_COLOR},
    "gelap": {"bg": "#0b0f14", "panel": "#161c24", "ink": "#f5f7fa", "muted": "#c5ced8", "rule": "#3a4450",
              "track": "#26303b", "accent": "#7cc4ff", "resmi-bg": "#7cc4ff", "resmi-ink": "#04121f",
              "contoh-bg": "#ffb347", "contoh-ink": "#1f1000", "nodata": "#5b6570"},
}
MAP_SIZE = (1040, 730)
CHART_SIZE = (900, 630)
SPARK_SIZE = (410, 64)


@lru_cache(maxsize=2)
def asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def qr_svg(url: str) -> str:
    """A QR code for ``url`` as inline SVG (one path; dark modules on the white tile around it)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2,
                         image_factory=qrcode.image.svg.SvgPathImage)
    code.add_data(url)
    code.make(fit=True)
    svg = code.make_image().to_string(encoding="unicode")
    svg = svg.split("?>", 1)[-1]  # the XML declaration is not allowed inside HTML
    return svg.replace('width="', 'data-w="', 1).replace('height="', 'data-h="', 1).replace(
        "<svg ", f'<svg role="img" aria-label="QR: {escape(url)}" data-url="{escape(url)}" shape-rendering="crispEdges" ', 1)


def badge(status: str, lang: str) -> str:
    if not status:
        return ""
    return f'<span class="badge badge-{escape(status)}">{escape(t(f"briefing.badge_{status}", lang))}</span>'


def _status_class(status: str) -> str:
    return "st-resmi" if status == "resmi" else "st-contoh"


def headline_body(slide: Slide, lang: str) -> str:
    cards = []
    for r in slide.rows:
        unit = f'<span class="unit">{escape(r["unit"])}</span>' if r["unit"] else ""
        cards.append(f'<div class="card {_status_class(r["status"])}"><div class="label">{escape(r["label"])}</div>'
                     f'<div class="name">{escape(r["name"])}</div><div class="big"><span class="num">{escape(r["big"])}</span>{unit}</div>'
                     f'<div class="change">{r["year"]} · {escape(r["change"])}</div>{badge(r["status"], lang)}</div>')
    if len(cards) % 4:
        cards.append(f'<div class="card note-card"><p>{escape(t("briefing.compare_note", lang))}</p></div>')
    return f'<div class="cards">{"".join(cards)}</div>'


def map_body(slide: Slide, geo: briefing_svg.MapGeometry | None, lang: str) -> str:
    rows = slide.rows
    top = max((r["value"] for r in rows if r["value"] == r["value"]), default=0) or 1
    mixed = slide.status == "campuran"
    ranking = []
    for r in rows:
        has = r["value"] == r["value"]
        width = 100 * r["value"] / top if has else 0
        tag = f'<span class="tag">{escape(t("briefing.tag_contoh", lang))}</span>' if mixed and r["status"] == "contoh" else ""
        ranking.append(f'<div class="rrow"><span class="rk">{r["rank"] or "–"}</span><span class="sw" style="background:{escape(r["color"])}"></span>'
                       f'<span class="nm">{escape(r["nama"])}</span><span class="vl">{escape(r["text"])}{tag}</span>'
                       f'<span class="track"><span class="fill" style="width:{width:.1f}%"></span></span></div>')
    legend = "".join(f'<li><span class="sw" style="background:{escape(color)}"></span>{escape(label)}</li>'
                     for label, color in slide.extra.get("legend", []))
    if geo is None:
        picture = f'<p class="empty">{escape(t("briefing.no_map", lang))}</p>'
    else:
        picture = briefing_svg.map_svg(geo, {r["kode"]: r["color"] for r in rows},
                                       {r["kode"]: str(r["rank"]) for r in rows if r["rank"]}, slide.title)
    legend_box = f'<div class="legend"><h3>{escape(t("briefing.classes", lang))}</h3><ul>{legend}</ul></div>' if legend else ""
    return (f'<div class="maprank"><div class="mapbox">{picture}{legend_box}</div>'
            f'<div class="ranking">{"".join(ranking)}</div></div>')


def trend_body(slide: Slide, lang: str) -> str:
    years = [p["year"] for panel in slide.rows for p in panel["points"]] + [p["year"] for p in slide.extra["province"]]
    first, last = (min(years), max(years)) if years else (0, 0)
    key = (f'<div class="keyline">● {escape(t("briefing.point_resmi", lang))} &nbsp; ○ '
           f'{escape(t("briefing.point_contoh", lang))}</div>')
    chart = briefing_svg.line_chart(slide.extra["province"], *CHART_SIZE, lang, slide.title) or \
        f'<p class="empty">{escape(t("briefing.trend_no_province", lang))}</p>'
    panels = []
    for p in slide.rows:
        change = f'<span class="pc">{escape(p["short"])}</span>' if p["short"] else ""
        spark = briefing_svg.sparkline(p["points"], *SPARK_SIZE, first, last)
        panels.append(f'<div class="panel"><div class="pn">{escape(p["nama"])}</div>'
                      f'<div class="row"><span class="pv">{escape(p["last"] or "–")}</span>{change}</div>{spark}</div>')
    return (f'<div class="trend"><div><h2>{escape(t("briefing.trend_province", lang))}</h2>{key}{chart}</div>'
            f'<div><h2>{escape(t("briefing.trend_kabkota", lang))}</h2><div class="panels">{"".join(panels)}</div></div></div>')


def psks_body(slide: Slide, lang: str) -> str:
    top = max((r["value"] for r in slide.rows), default=0) or 1
    rows = "".join(f'<div class="prow"><span class="nm">{escape(r["name"] if len(r["name"]) <= 30 else r["abbr"])}</span><span class="track">'
                   f'<span class="fill" style="width:{100 * r["value"] / top:.1f}%"></span></span>'
                   f'<span class="vl">{escape(r["text"])}</span></div>' for r in slide.rows)
    tiles = "".join(f'<div class="tile"><div class="ab">{escape(r["abbr"])}</div><div class="big">{escape(r["text"])}</div>'
                    f'<div class="unit">{escape(r["unit"])}</div></div>' for r in slide.extra.get("other", []))
    return (f'<div class="psks"><div><h2>{escape(t("briefing.psks_people", lang))}</h2>{rows}</div>'
            f'<div><h2>{escape(t("briefing.psks_other", lang))}</h2><div class="tiles">{tiles}</div></div></div>')


def region_body(slide: Slide, lang: str) -> str:
    progs = "".join(f'<div class="prog {_status_class(r["status"])}"><div class="ab">{escape(r["abbr"])}</div>'
                    f'<div class="vl">{escape(r["text"])}</div><div class="meta">{r["year"]} · {escape(r["rank_text"])} · '
                    f'{escape(t("briefing.badge_" + r["status"], lang))}</div></div>' for r in slide.rows)
    return f'<div class="progs">{progs}</div>'


def slide_html(slide: Slide, number: int, total: int, geo: briefing_svg.MapGeometry | None, lang: str) -> str:
    """One ``<section>``: title, status badge, QR code, the body of its kind, and the date and source."""
    if slide.kind != "map" and not slide.rows and not slide.extra.get("province"):
        body = f'<p class="empty">{escape(t("briefing.empty", lang))}</p>'
    else:
        body = {"headline": lambda: headline_body(slide, lang), "map": lambda: map_body(slide, geo, lang),
                "trend": lambda: trend_body(slide, lang), "psks": lambda: psks_body(slide, lang),
                "region": lambda: region_body(slide, lang)}[slide.kind]()
    label = t("briefing.slide_of", lang, number=number, total=total)
    per = t("common.data_per", lang, date=slide.extra.get("data_per", ""))
    return (f'<section class="slide" id="slide-{number}" data-kind="{escape(slide.kind)}" data-status="{escape(slide.status)}" '
            f'aria-roledescription="slide" aria-label="{escape(label)}"{" hidden" if number > 1 else ""}>'
            f'<header class="top"><div class="titles"><h1 class="title">{escape(slide.title)}</h1>'
            f'<div class="sub">{escape(slide.subtitle)}</div></div>'
            f'<div class="side">{badge(slide.status, lang)}<div class="qr-cap">{escape(t("briefing.qr_caption", lang))}</div></div>'
            f'<div class="qr">{qr_svg(slide.public_url)}</div></header>'
            f'<div class="body">{body}</div>'
            f'<footer class="foot"><span class="per">{escape(per)}</span><span>·</span>'
            f'<span class="src">{escape(t("briefing.source", lang))}: {escape(slide.source)}</span></footer></section>')


def theme_css(theme: str) -> str:
    colours = THEMES[theme]
    return ":root{" + ";".join(f"--{name}:{value}" for name, value in colours.items()) + "}"


def document(slides: list[Slide], params: Params, layer: dict | None) -> str:
    """The whole slide set as one HTML document.

    Parameters
    ----------
    slides : list of Slide
        From :func:`dashboard.logic.briefing_slides.build_slides`.
    params : Params
        Theme, seconds per slide and language.
    layer : dict or None
        The kab/kota display boundaries (GeoJSON); None shows the ranking without a map.

    Returns
    -------
    str
        ``<!doctype html>`` with inline CSS, SVG and script; it makes no network request.
    """
    lang = params.lang
    geo = briefing_svg.project(layer, *MAP_SIZE) if layer else None
    sections = "".join(slide_html(s, i, len(slides), geo, lang) for i, s in enumerate(slides, start=1))
    defs = briefing_svg.map_defs(geo) if geo else ""
    paused = f'❚❚ {escape(t("briefing.paused", lang))}'
    return (f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(t("briefing.deck_title", lang))}</title>'
            f'<style>{theme_css(params.tema)}\n{asset("deck.css")}</style></head>'
            f'<body data-theme="{escape(params.tema)}"><div id="deck" data-seconds="{int(params.detik)}" '
            f'data-count="{len(slides)}" role="region" aria-roledescription="carousel" '
            f'aria-label="{escape(t("briefing.deck_title", lang))}">{defs}{sections}'
            f'<div id="paused" hidden>{paused}</div><div id="counter">1 / {len(slides)}</div>'
            f'<div id="progress"><div id="bar"></div></div></div>'
            f'<script>{asset("deck.js")}</script></body></html>')

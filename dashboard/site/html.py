"""The page frame of the light edition: head (meta, Open Graph, one small inline style), header, footer.

Every page is self-contained: no script, no stylesheet, font or image fetched from anywhere (the
favicon is an empty ``data:`` URL so phones do not spend a round trip on a 404). Text from data only
enters through :func:`esc`; callers pass already-escaped HTML fragments as ``body``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from dashboard.logic.i18n import t

SITE_NAME = "Dasbor Kesos Banten"
PUBLISHER = t("common.publisher")
CONTOH_LABEL = "DATA CONTOH, bukan angka resmi"
OG_SIZE = (1200, 630)

# Contrast: text #1b1b1b and links #0b4f8f on white, white on #0b3d6b, #3a2a00 on #ffd54a: all >= 7:1.
STYLE = (
    "*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,"
    "sans-serif;color:#1b1b1b;background:#fff}a{color:#0b4f8f}header{background:#0b3d6b;color:#fff;"
    "padding:.5rem 1rem}header a{color:#fff;text-decoration:none}header p{margin:0;font-size:.8rem}"
    "header b{font-size:1rem}main,footer{max-width:48rem;margin:0 auto;padding:0 1rem}"
    "h1{font-size:1.5rem;line-height:1.25;margin:1rem 0 .4rem}h2{font-size:1.2rem;margin:1.6rem 0 .5rem}"
    ".meta{color:#4a4a4a;font-size:.9rem}.b{display:inline-block;padding:0 .4em;border-radius:.3em;"
    "font-size:.75rem;font-weight:700;vertical-align:middle;white-space:nowrap}.br{background:#1d6b3a;"
    "color:#fff}.bc{background:#ffd54a;color:#3a2a00}.note{background:#fff4c2;border-left:4px solid "
    "#c99a00;padding:.5rem .8rem}.cards{list-style:none;padding:0;display:grid;gap:.6rem;"
    "grid-template-columns:repeat(auto-fill,minmax(14rem,1fr))}.cards li{border:1px solid #d0d7de;"
    "border-radius:.4rem;padding:.6rem}.v{font-size:1.45rem;font-weight:700;display:block}"
    ".s{font-size:.85rem;color:#4a4a4a}a.v{color:#0b3d6b;text-decoration:none}dd,.cite{overflow-wrap:anywhere}.map{width:100%;height:auto;display:block;max-height:70vh}"
    ".map path{stroke:#fff;stroke-width:1;stroke-linejoin:round}.map a:hover path{opacity:.75}"
    ".map .hl{stroke:#111;stroke-width:2.5}.map .mk{fill:none;stroke:#c62828;stroke-width:3}"
    ".lg{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.85rem}"
    ".lg i{display:inline-block;width:1em;height:1em;margin-right:.3em;vertical-align:-.15em;"
    "border:1px solid #888}.tw{overflow-x:auto}table{border-collapse:collapse;width:100%;"
    "font-size:.9rem}th,td{text-align:left;padding:.35rem .3rem;border-bottom:1px solid #d0d7de;"
    "vertical-align:top}tbody th{font-weight:400}caption{text-align:left;font-weight:600;padding:.3rem 0}"
    "td.n,th.n{text-align:right}tbody tr:nth-child(odd)"
    "{background:#f6f8fa}.go{display:inline-block;margin:.6rem 0;padding:.5rem .9rem;background:"
    "#0b4f8f;color:#fff;border-radius:.3rem;text-decoration:none;font-weight:600}blockquote{margin:"
    ".5rem 0;padding:.4rem .8rem;border-left:4px solid #8fa3b8;background:#f6f8fa}.cite{border:1px "
    "dashed #8fa3b8;padding:.6rem;user-select:all}dt{font-weight:700;margin-top:.4rem}dd{margin:0}"
    "@media(max-width:30rem){table{font-size:.8rem}}footer{font-size:.8rem;color:#4a4a4a;border-top:1px solid #d0d7de;margin-top:2rem;padding-bottom:"
    "2rem}"
)


def esc(value: object) -> str:
    """Text from data as HTML (quotes too, so the result is safe inside attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def badge(status: str) -> str:
    """``Resmi`` / ``DATA CONTOH`` label; the contoh badge never reads like an official mark."""
    if status == "contoh":
        return f'<span class="b bc">{esc(t("common.status_contoh"))}</span>'
    if status == "resmi":
        return f'<span class="b br">{esc(t("common.status_resmi"))}</span>'
    return ""


def app_link(page: str, **params: object) -> str:
    """Absolute path into the interactive app: ``/peta?seri=penerima:UEP&tahun=2025``."""
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")}, safe=":")
    return f"/{page}" + (f"?{query}" if query else "")


def interactive(page: str, **params: object) -> str:
    return f'<p><a class="go" href="{esc(app_link(page, **params))}">Buka versi interaktif</a></p>'


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = (),
          caption: str = "", row_ids: Sequence[str] | None = None) -> str:
    """A table with ``<th scope="col">`` headers; cells are HTML already (escape before calling).

    The first cell of each row is a row header (``<th scope="row">``).
    """
    def cell(i: int, html_text: str, tag: str = "td", scope: str = "") -> str:
        cls = ' class="n"' if i in numeric else ""
        return f"<{tag}{scope}{cls}>{html_text}</{tag}>"

    head = "".join(cell(i, esc(h), "th", ' scope="col"') for i, h in enumerate(headers))
    body = []
    for n, row in enumerate(rows):
        rid = f' id="{esc(row_ids[n])}"' if row_ids else ""
        cells = [cell(0, row[0], "th", ' scope="row"')] + [cell(i, c) for i, c in enumerate(row) if i]
        body.append(f"<tr{rid}>{''.join(cells)}</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f'<div class="tw"><table>{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


@dataclass(frozen=True)
class Meta:
    """What a page says about itself to browsers and link previews (plain text, escaped on output)."""

    title: str
    description: str
    og_title: str
    url: str  # absolute public URL of this page
    image: str  # absolute public URL of its preview PNG
    image_alt: str


def _head(meta: Meta) -> str:
    og = {
        "og:type": "website", "og:site_name": SITE_NAME, "og:locale": "id_ID", "og:title": meta.og_title,
        "og:description": meta.description, "og:url": meta.url, "og:image": meta.image,
        "og:image:type": "image/png", "og:image:width": OG_SIZE[0], "og:image:height": OG_SIZE[1],
        "og:image:alt": meta.image_alt,
    }
    tw = {"twitter:card": "summary_large_image", "twitter:title": meta.og_title,
          "twitter:description": meta.description, "twitter:image": meta.image,
          "twitter:image:alt": meta.image_alt}
    tags = "".join(f'<meta property="{k}" content="{esc(v)}">' for k, v in og.items())
    tags += "".join(f'<meta name="{k}" content="{esc(v)}">' for k, v in tw.items())
    return (f'<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<title>{esc(meta.title)}</title><meta name="description" content="{esc(meta.description)}">'
            f'<link rel="icon" href="data:,">{tags}'
            f"<style>{STYLE}</style></head>")


def page(meta: Meta, body: str, root: str, data_per: str) -> str:
    """A whole HTML5 document. ``root`` is the relative path back to the site root (``""`` or ``"../"``)."""
    header = (f'<header><a href="{root}index.html"><b>{esc(PUBLISHER)}</b></a>'
              "<p>Dasbor Kesejahteraan Sosial · versi ringan tanpa JavaScript</p></header>")
    footer = (f"<footer><p>{esc(t('common.footer'))}</p><p>{esc(data_per)} · "
              f'<a href="{root}index.html">Beranda versi ringan</a> · <a href="/">Versi interaktif</a></p></footer>')
    return f'<!DOCTYPE html><html lang="id">{_head(meta)}<body>{header}<main>{body}</main>{footer}</body></html>'

"""Does a rendered map page work with no internet? Lists what it would fetch from other origins.

The folium map reaches the browser as a standalone page (``maps.map_html``, a file under
``/app/static/maps/`` framed by the region-map component); ``offline_html_check`` lists what it
would load from elsewhere.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_LOADS = {"script": ("src",), "link": ("href",), "img": ("src", "srcset"), "iframe": ("src",),
          "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",), "embed": ("src",),
          "object": ("data",), "track": ("src",), "input": ("src",), "image": ("href", "xlink:href")}
_ABSOLUTE = re.compile(r"(?:https?:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""(?:url\(\s*|@import\s+)["']?((?:https?:)?//[^"')\s;]+)""", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"""https?://[^\s"'`\\<>)]+""", re.IGNORECASE)
_ANCHOR_BEFORE = re.compile(r"""href=(?:\\?["']|\\u0022)$""", re.IGNORECASE)


class _ResourceScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._inline: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for name in _LOADS.get(tag, ()):
            self.urls += [part.strip().split(" ")[0] for part in values.get(name, "").split(",") if part.strip()]
        self.urls += _CSS_URL.findall(values.get("style", ""))
        self._inline = tag if tag in ("script", "style") and not values.get("src") else None

    def handle_endtag(self, tag: str) -> None:
        self._inline = None

    def handle_data(self, data: str) -> None:
        if self._inline == "style":
            self.urls += _CSS_URL.findall(data)
        elif self._inline == "script":
            # URLs in string literals are fetched (tile templates, AJAX), except anchor hrefs in
            # attribution text, which only load when a visitor clicks them.
            self.urls += [u.group() for u in _SCRIPT_URL.finditer(data)
                          if not _ANCHOR_BEFORE.search(data[max(0, u.start() - 12):u.start()])]


def offline_html_check(html_text: str, origin: str | None = None) -> list[str]:
    """Every URL a rendered page would load from somewhere other than the app's own origin.

    Looks at ``src``/``href`` of script, link and media tags, ``url()``/``@import`` in CSS and
    http(s) URLs inside inline scripts (a tile layer's template, say). Links a visitor may click
    (``<a href>``, also inside attribution strings) are not loads and are not reported.

    Parameters
    ----------
    html_text : str
        The page, e.g. from ``map_html``.
    origin : str, optional
        The app's own origin (``https://dasbor.example``); absolute URLs under it are fine.

    Returns
    -------
    list of str
        Offending URLs in page order, without repeats; empty when the page works offline.
    """
    scan = _ResourceScan()
    scan.feed(html_text)
    scan.close()
    foreign = [u for u in scan.urls if _ABSOLUTE.match(u) and not (origin and u.startswith(origin.rstrip("/") + "/"))]
    return list(dict.fromkeys(foreign))

"""What each page measured by the benchmarks must show (Indonesian, the default language): a run or a
browser visit that shows something else (an error, "Page not found", another page) is not timed."""

from __future__ import annotations

from bench.browser import PLOTLY_DRAWN, View
from bench.wsclient import Expect
from dashboard.text.i18n import t

#: Page names as the frontend sends them (the default page, Beranda, is the empty name).
PAGES = ["", "peta", "tren", "wilayah", "psks", "cari", "metodologi", "briefing"]
PEER_TITLE = "Population dashboard (peer)"
HELLO_TITLE = "Halo, Banten"


def app_expect() -> dict[str, Expect]:
    """Per page: the current page in the navigation, its title (or a heading only it has), an element."""
    return {
        "": Expect("", (t("common.app_title", "id"),), ("plotly_chart",)),
        "peta": Expect("peta", (t("peta.title", "id"),), ("plotly_chart",)),
        "tren": Expect("tren", (t("tren.title", "id"),), ("plotly_chart",)),
        "wilayah": Expect("wilayah", (t("wilayah.kecamatan", "id"),), ("download_button",)),
        "psks": Expect("psks", (t("psks.title", "id"),), ("plotly_chart", "dataframe")),
        "cari": Expect("cari", (t("cari.title", "id"),), ("text_input",)),
        "metodologi": Expect("metodologi", (t("metodologi.title", "id"),), ("dataframe",)),
        "briefing": Expect("briefing", (), ("iframe",), srcdoc='id="deck"'),
    }


EMPTY = Expect(None)
PEER = Expect(None, (PEER_TITLE,), ("plotly_chart", "vega_lite_chart", "dataframe"))


def app_view(page: str) -> View:
    """Beranda and Peta in the browser: the Plotly map drawn and the page's title shown."""
    title = {"": t("common.app_title", "id"), "peta": t("peta.title", "id")}[page]
    return View("/" + page, PLOTLY_DRAWN, title)


PEER_VIEW = View("/", PLOTLY_DRAWN, PEER_TITLE)
HELLO_VIEW = View("/", "h1", HELLO_TITLE)
#: The light edition's landing page: its map and the site's title (nginx's 404 page has an h1 too).
LIGHT_VIEW = View("/site/index.html", "svg.map", t("common.app_title", "id"))
#: The interactive Beranda: its headline cards and its title.
INTERACTIVE_VIEW = View("/", ".kpi", t("common.app_title", "id"))

"""The public site (official default release) as a phone and a laptop user sees it, in Chromium.

For every page, at 360x780 and 320x640 with touch and at 1366x768, in Indonesian and English: nothing clipped or
past the screen's edge (page text, map frame text, chart text inside its chart), no error, nothing
fetched from another host, the light edition linked near the top; a screenshot of each goes to
test-output/phone/. A tap (phone) or click (laptop) near the edge of a region opens its profile; the
language survives the page links.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from dashboard.app import PAGES, page_path
from dashboard.text.i18n import t
from tests.phone.pagetools import ERRORS, SIZES, clipping, map_frame, press_inside, screenshot, wait_idle

pytestmark = pytest.mark.browser

#: What proves each page drew its main content.
DRAWN = {
    "beranda": "iframe[src*='/component/'], .js-plotly-plot .main-svg", "peta": "iframe[src*='/component/']",
    "tren": ".js-plotly-plot .main-svg", "wilayah": ".kpi", "psks": ".js-plotly-plot .main-svg",
    "cari": "[data-testid=stTextInput]", "metodologi": "[data-testid=stDataFrame], [data-testid=stTable]",
    "briefing": "iframe",
}
#: What each page's main heading says (Wilayah: its groups' first heading; the region name is the same).
HEADINGS = {"beranda": "common.app_title", "peta": "peta.title", "tren": "tren.title", "psks": "psks.title",
            "cari": "cari.title", "metodologi": "metodologi.title"}


def _url(base: str, slug: str, lang: str, query: str = "") -> str:
    params = "&".join(p for p in (query, "lang=en" if lang == "en" else "") if p)
    return f"{base}/{page_path(slug)}" + (f"?{params}" if params else "")


@pytest.fixture(params=list(SIZES))
def context(request, browser):
    ctx = browser.new_context(**SIZES[request.param])
    ctx.size = request.param
    yield ctx
    ctx.close()


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("slug", [slug for slug, _, _ in PAGES])
def test_every_page_fits_the_screen_and_clips_nothing(official_app, context, slug, lang):
    page = context.new_page()
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", None)
            and not r.url.startswith(("data:", "blob:", "about:")) else None)
    page.goto(_url(official_app, slug, lang), wait_until="domcontentloaded")
    wait_idle(page, "iframe" if slug == "briefing" else ".site-footer")
    # Metodologi's tables are cards on a phone (the grids are there, hidden)
    touch = SIZES[context.size].get("has_touch", False)
    page.wait_for_selector(".roster-card:visible" if slug == "metodologi" and touch else DRAWN[slug],
                           timeout=30_000)
    if slug == "peta":  # the map, not the choices, fills the first screen (a phone's too; most of it on a small one)
        drawn = map_frame(page).locator("svg.map").bounding_box()
        shown = drawn["height"] if context.size != "small" else drawn["height"] / 2
        assert drawn["y"] + shown <= SIZES[context.size]["viewport"]["height"], drawn
    shot = screenshot(page, f"{slug}-{lang}-{context.size}")
    assert page.locator(ERRORS).count() == 0, page.locator(ERRORS).first.inner_text()
    assert page.locator("[role=dialog]").count() == 0  # e.g. Streamlit's "Page not found"
    if slug in HEADINGS:
        assert page.locator("h1").first.inner_text().strip() == t(HEADINGS[slug], lang)
    if slug == "beranda":  # the light edition, for weak connections, is linked near the top
        link = page.locator(".st-key-toplang .light-link a")
        assert link.get_attribute("href") == "/site/"
        assert link.bounding_box()["y"] < SIZES[context.size]["viewport"]["height"] / 3
    problems = clipping(page)
    assert problems == [], f"{shot.name}: " + "\n".join(problems)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{slug} scrolls sideways by {overflow}px"
    assert foreign == [], f"requests left the machine: {foreign[:5]}"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_press_near_a_regions_edge_opens_its_profile(official_app, context, lang):
    """Kab. Lebak, pressed at the point inside it farthest from its centre (not a hidden centre point)."""
    page = context.new_page()
    page.goto(_url(official_app, "beranda", lang), wait_until="domcontentloaded")
    wait_idle(page)
    frame = map_frame(page)
    lebak = frame.locator("a[data-kode='3602'] path")
    lebak.wait_for(timeout=30_000)
    press_inside(page, context.size, lebak, page.locator("iframe[src*='/component/']").first)
    page.wait_for_url("**/wilayah?**", timeout=30_000)
    wait_idle(page)
    assert page.locator("h1").first.inner_text().strip() == "Kab. Lebak"
    query = parse_qs(urlparse(page.url).query)
    assert query["kode"] == ["3602"] and query.get("lang", ["id"]) == [lang]
    assert page.locator("h3, h2").filter(has_text=t("wilayah.group_dasar", lang)).count() == 1
    screenshot(page, f"tap-lebak-{lang}-{context.size}")


def test_english_survives_every_page_link(official_app, context):
    page = context.new_page()
    page.goto(_url(official_app, "beranda", "en"), wait_until="domcontentloaded")
    wait_idle(page)
    for slug in ["peta", "tren", "wilayah", "psks", "cari", "metodologi", "beranda"]:
        link = page.locator(".st-key-topnav a", has_text=t(f"common.page_{slug}", "en")).first
        if SIZES[context.size].get("has_touch"):
            link.tap()
        else:
            link.click()
        page.wait_for_url(lambda url, slug=slug: urlparse(url).path.rstrip("/").endswith(page_path(slug)), timeout=30_000)
        wait_idle(page)
        assert parse_qs(urlparse(page.url).query).get("lang") == ["en"], page.url
        if slug in HEADINGS:
            assert page.locator("h1").first.inner_text().strip() == t(HEADINGS[slug], "en"), slug
        else:
            assert page.locator("h3, h2").filter(has_text=t("wilayah.group_dasar", "en")).count() == 1
        chosen = page.locator(".st-key-toplang button[role=radio][aria-checked=true]")
        assert chosen.inner_text().strip() == "English"
        assert page.locator(".site-footer").inner_text().count("Data as of") == 1


def test_open_data_is_served_at_stable_addresses(official_app):
    """``make setup`` publishes the open-data package where Streamlit serves it: /app/static/data/."""
    import json
    import urllib.request

    from dashboard.logic.opendata import validate_data_package
    from tests.appserver import REPO

    folder = REPO / "dashboard" / "static" / "data"
    assert (folder / "datapackage.json").exists(), "run `make data` (python -m dashboard.data init) first"
    assert validate_data_package(folder) == []
    for name in ("statistik.csv", "statistik.json", "datapackage.json"):
        with urllib.request.urlopen(f"{official_app}/app/static/data/{name}", timeout=10) as response:
            assert response.status == 200
            assert response.read() == (folder / name).read_bytes()
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in descriptor["resources"]} >= {"statistik.csv", "statistik.json"}

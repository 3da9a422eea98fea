"""Every page in real headless Chromium at desktop and phone size: no error element, the chart or
map is drawn, no horizontal scrolling on a phone, no request leaves the machine. Screenshots go to
test-output/pages/ for people to look at."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from dashboard.app import PAGES, page_path
from tests.appserver import CHROMIUM, CHROMIUM_ARGS, REPO, running_app

pytestmark = pytest.mark.browser
playwright = pytest.importorskip("playwright.sync_api")
OUT = REPO / "test-output" / "pages"
VIEWPORTS = {"desktop": (1366, 768), "phone": (360, 740)}
#: What proves each page drew its main content (a Plotly SVG, a table or the slides frame).
DRAWN = {
    "beranda": ".js-plotly-plot .main-svg", "peta": ".js-plotly-plot .main-svg",
    "tren": ".js-plotly-plot .main-svg", "wilayah": ".kpi",
    "psks": ".js-plotly-plot .main-svg", "cari": "[data-testid=stTextInput]",
    "metodologi": "[data-testid=stDataFrame], [data-testid=stTable]", "briefing": "iframe, .slide",
}


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: run `make system-deps`")
    releases = tmp_path_factory.mktemp("releases")
    import os  # noqa: PLC0415

    from dashboard.data import build, release  # noqa: PLC0415

    os.environ["DASHBOARD_RELEASES_DIR"] = str(releases)
    try:
        build.init_release()
    finally:
        del os.environ["DASHBOARD_RELEASES_DIR"]
    assert release.current_id(releases)
    with running_app(releases) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("slug", [slug for slug, _, _ in PAGES])
def test_page_renders(app_url, browser, slug, viewport):
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height})
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", None)
            and not r.url.startswith(("data:", "blob:", "about:")) else None)
    try:
        page.goto(f"{app_url}/{page_path(slug)}", wait_until="domcontentloaded")
        page.wait_for_selector("[data-testid=stApp]", timeout=30_000)
        page.wait_for_selector(DRAWN[slug], timeout=45_000)
        page.wait_for_timeout(800)
        OUT.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUT / f"{slug}-{viewport}.png"), full_page=True)
        errors = page.locator("[data-testid=stException], [data-testid=stAlertContentError]")
        assert errors.count() == 0, errors.first.inner_text()
        assert "Traceback" not in page.content()
        dialogs = page.locator("[role=dialog]")
        assert dialogs.count() == 0, dialogs.first.inner_text()  # e.g. Streamlit's "Page not found"
        if viewport == "phone":
            overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, f"{slug} scrolls sideways by {overflow}px at 360px"
        assert foreign == [], f"requests left the machine: {foreign[:5]}"
    finally:
        page.close()



def test_open_data_is_served_at_stable_addresses(app_url):
    """``make setup`` publishes the open-data package where Streamlit serves it: /app/static/data/."""
    import json  # noqa: PLC0415
    import urllib.request  # noqa: PLC0415

    from dashboard.logic.opendata import validate_data_package  # noqa: PLC0415

    folder = REPO / "dashboard" / "static" / "data"
    assert (folder / "datapackage.json").exists(), "run `make data` (python -m dashboard.data init) first"
    assert validate_data_package(folder) == []
    for name in ("statistik.csv", "statistik.json", "datapackage.json"):
        with urllib.request.urlopen(f"{app_url}/app/static/data/{name}", timeout=10) as response:
            assert response.status == 200
            assert response.read() == (folder / name).read_bytes()
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in descriptor["resources"]} >= {"statistik.csv", "statistik.json"}


def test_clicking_a_region_on_the_map_opens_its_profile(app_url, browser):
    """Anywhere inside Kab. Lebak, not only its centre: a point near its edge (tests/phone taps too)."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        page.goto(f"{app_url}/peta?seri=penerima:UEP&tahun=2022", wait_until="domcontentloaded")
        page.wait_for_selector(".site-footer", timeout=45_000)
        frame = page.frame_locator("iframe[src*='/component/']").first
        lebak = frame.locator("a[data-kode='3602'] path")
        lebak.wait_for(timeout=45_000)
        box = lebak.bounding_box()
        lebak.click(position={"x": box["width"] * 0.85, "y": box["height"] * 0.5})
        page.wait_for_function("() => [...document.querySelectorAll('h1')].some(h => h.innerText.includes('Kab. Lebak'))",
                               timeout=30_000)
    finally:
        page.close()

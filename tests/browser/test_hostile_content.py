"""Privacy and injection, end to end: a release with canaries in every private roster field and
script payloads in every text field; every page, every websocket message, every download and the
server log are searched for the canaries, and no injected script may run in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.app import PAGES, page_path
from tests.appserver import CHROMIUM, CHROMIUM_ARGS, running_app
from tests.hostile import leaked, publish_hostile_release

pytestmark = pytest.mark.browser
playwright = pytest.importorskip("playwright.sync_api")

#: Extra views that show the hostile fields: the figure card of UEP 2022, a roster name search.
EXTRA_URLS = [
    "peta?seri=penerima:UEP&tahun=2022",
    "peta?seri=penerima:JSLU&tahun=2024&tingkat=kecamatan",
    "cari?q=UEP%202022",
    "psks?cari=Kanari",
    "tren?seri=penerima:UEP&wil=36",
]


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    publish_hostile_release(root)
    with running_app(root) as url:
        yield url, root


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        yield p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def _visit(browser, url: str, downloads_dir: Path) -> tuple[list[bytes], list[bytes], bool, str]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    frames: list[bytes] = []
    dialogs: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda data: frames.append(
        data if isinstance(data, bytes) else data.encode())))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector("[data-testid=stApp]", timeout=30_000)
    # Every page ends with the site footer (the briefing screen with its slides frame).
    page.wait_for_selector(".site-footer, iframe", timeout=45_000)
    page.wait_for_timeout(1500)
    files = []
    buttons = page.locator("[data-testid=stDownloadButton] button")
    for i in range(buttons.count()):
        # A download that reruns the script leaves the page inert for a moment: wait it out.
        page.wait_for_function("() => !document.querySelector('[data-stale=true]')", timeout=30_000)
        with page.expect_download(timeout=30_000) as info:
            buttons.nth(i).click()
        files.append(Path(info.value.path()).read_bytes())
    # Hover the Plotly charts so hover labels render too.
    for chart in page.locator(".js-plotly-plot").all()[:3]:
        chart.hover()
    pwned = page.evaluate("() => window.__pwned !== undefined") or bool(dialogs)
    html = page.content()
    context.close()
    return frames, files, pwned, html


def test_no_canary_leaves_the_server_and_no_script_runs(hostile_app, browser, tmp_path):
    url, root = hostile_app
    urls = [f"{url}/{page_path(slug)}" for slug, _, _ in PAGES] + [f"{url}/{extra}" for extra in EXTRA_URLS]
    problems = []
    downloads = 0
    for target in urls:
        try:
            frames, files, pwned, html = _visit(browser, target, tmp_path)
        except Exception as exc:  # name the page that could not be driven
            raise AssertionError(f"could not drive {target}: {exc}") from exc
        downloads += len(files)
        if pwned:
            problems.append(f"{target}: an injected script ran")
        for where, blobs in (("websocket", frames), ("download", files), ("page", [html.encode()])):
            for blob in blobs:
                text = blob.decode("utf-8", errors="ignore")
                if found := leaked(text):
                    problems.append(f"{target}: {where} contains {found}")
    logs = "".join(p.read_text(errors="ignore") for p in root.glob("streamlit-*.log"))
    if found := leaked(logs):
        problems.append(f"server log contains {found}")
    assert problems == []
    assert downloads >= 5, "the pages offer downloads; none were exercised"

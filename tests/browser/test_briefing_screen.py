"""Layar Briefing in real Chromium at 1920x1080: every slide reached with the keyboard (screenshots in
test-output/briefing/), type sizes measured in the browser, pause and auto-advance, resume after a
reload and after a server restart, and no request leaving 127.0.0.1."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from dashboard.data import build, release
from dashboard.viewmodel import briefing, briefing_slides

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "test-output" / "briefing"
SECONDS = 5
FRAME = "iframe[data-testid=stIFrame]"
#: Every text node of the visible slide (and the rotation chrome) with a computed size below 28px.
SMALL_TEXT_JS = """() => {
  const roots = [document.querySelector('.slide:not([hidden])'), document.getElementById('counter')];
  const small = [];
  for (const root of roots) {
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (!n.textContent.trim()) continue;
      const size = parseFloat(getComputedStyle(n.parentElement).fontSize);
      if (size < 28) small.push([n.parentElement.tagName, size, n.textContent.trim().slice(0, 40)]);
    }
  }
  return small;
}"""


class App:
    """``streamlit run dashboard/app.py`` on a fixed loopback port, so it can be restarted in place."""

    def __init__(self, releases: Path, port: int) -> None:
        self.releases, self.port, self.proc = releases, port, None
        self.base = f"http://127.0.0.1:{port}"

    def start(self) -> None:
        env = {**os.environ, "DASHBOARD_RELEASES_DIR": str(self.releases)}
        log = open(self.releases / "streamlit.log", "a")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(REPO / "dashboard" / "app.py"), "--server.port",
             str(self.port), "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false"],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"Streamlit did not become healthy; see {self.releases / 'streamlit.log'}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def releases(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("briefing-browser")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_RELEASES_DIR", str(root))
        build.init_release()
    return root


@pytest.fixture(scope="module")
def app(releases):
    server = App(releases, free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


def expected_titles(releases: Path) -> list[str]:
    stats = release.load_newest_good(releases).release.statistics
    allowed = briefing.choices(stats)
    return [s.title for s in briefing_slides.build_slides(stats, briefing.Params(programs=allowed.defaults), allowed,
                                                         "", "")]


def current(frame) -> int:
    return int(frame.locator("#deck").get_attribute("data-current"))


def visible_title(frame) -> str:
    return frame.locator(".slide:not([hidden]) h1").inner_text()


def test_briefing_screen(app, browser, releases):
    titles = expected_titles(releases)
    count = len(titles)
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    requests: list[str] = []
    sockets: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("websocket", lambda ws: sockets.append(ws.url))
    try:
        page.goto(f"{app.base}/briefing?detik={SECONDS}", wait_until="domcontentloaded")
        frame = page.frame_locator(FRAME)
        frame.locator("#deck").wait_for(timeout=60_000)
        assert frame.locator("#deck").get_attribute("data-count") == str(count)
        assert page.locator("[data-testid=stHeader]").is_hidden()
        box = page.locator(FRAME).bounding_box()
        assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 1920, 1080)

        # Pause first, so stepping is not raced by the 5-second rotation.
        page.keyboard.press(" ")
        assert frame.locator("#paused").is_visible()
        start = current(frame)
        OUT.mkdir(parents=True, exist_ok=True)
        for step in range(count):
            number = (start - 1 + step) % count + 1
            assert current(frame) == number
            assert visible_title(frame) == titles[number - 1]
            assert page.url.endswith(f"#{number}")
            assert frame.locator(".slide:not([hidden])").count() == 1
            assert frame.locator(".slide:not([hidden]) .foot").inner_text().startswith("Data per ")
            assert frame.locator(".slide:not([hidden]) .badge").first.is_visible()
            assert frame.locator("body").evaluate(SMALL_TEXT_JS) == []
            page.screenshot(path=str(OUT / f"{number:02d}.png"))
            page.keyboard.press("ArrowRight")
            assert current(frame) == number % count + 1
        assert float(frame.locator("body").evaluate("b => parseFloat(getComputedStyle(b).fontSize)")) >= 28
        page.keyboard.press("Home")
        big = frame.locator(".slide:not([hidden]) .card .big").first
        assert float(big.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 64

        # Paused: nothing moves for longer than one period.
        page.wait_for_timeout((SECONDS + 1.5) * 1000)
        assert current(frame) == 1
        page.keyboard.press("PageDown")
        assert current(frame) == 2
        page.keyboard.press("PageUp")
        assert current(frame) == 1

        # Resumed: the next slide comes by itself (how punctually is measured by bench/briefing_rotation.py).
        page.keyboard.press(" ")
        assert frame.locator("#paused").is_hidden()
        frame.locator("#deck[data-current='2']").wait_for(timeout=(SECONDS + 30) * 1000)

        # Keys typed while the slides' frame has focus work the same way.
        frame.locator("#deck").click()
        page.keyboard.press("ArrowLeft")
        assert current(frame) == 1

        # A reload and a fresh load of the same address resume the same slide set on the same slide.
        page.keyboard.press(" ")
        page.keyboard.press("End")
        page.reload(wait_until="domcontentloaded")
        frame.locator("#deck").wait_for(timeout=60_000)
        assert (current(frame), visible_title(frame)) == (count, titles[-1])
        second = context.new_page()
        second.on("request", lambda r: requests.append(r.url))
        second.goto(page.url, wait_until="domcontentloaded")
        other = second.frame_locator(FRAME)
        other.locator("#deck").wait_for(timeout=60_000)
        assert other.locator(".slide h1").all_inner_texts() == titles
        assert current(other) == count
        second.close()

        # A server restart: the slides keep rotating meanwhile, Streamlit reconnects by itself.
        frame.locator("#deck").wait_for(timeout=10_000)
        if frame.locator("#deck").get_attribute("data-paused") == "1":
            page.keyboard.press(" ")
        app.stop()
        before = current(frame)
        frame.locator(f"#deck:not([data-current='{before}'])").wait_for(timeout=(SECONDS + 5) * 1000)
        assert page.locator("[data-testid=stDialog]").is_hidden()
        opened = len(sockets)
        app.start()
        deadline = time.monotonic() + 60
        while len(sockets) == opened and time.monotonic() < deadline:
            page.wait_for_timeout(500)
        assert len(sockets) > opened, "the page did not reconnect to the restarted server"
        page.wait_for_timeout(2000)
        assert frame.locator(".slide h1").all_inner_texts() == titles
        assert frame.locator(".slide:not([hidden])").count() == 1
        assert page.url.split("?")[1].startswith(f"detik={SECONDS}")
    finally:
        context.close()
    foreign = [u for u in requests if urlparse(u).hostname != "127.0.0.1" and not u.startswith(("data:", "blob:", "about:"))]
    assert requests and foreign == [], foreign[:5]


def test_dark_theme_in_english(app, browser):
    """The other theme and language: every slide readable (sizes), shot to test-output/briefing/gelap-en-NN.png."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(f"{app.base}/briefing?tema=gelap&lang=en&detik=300", wait_until="domcontentloaded")
        frame = page.frame_locator(FRAME)
        frame.locator("#deck").wait_for(timeout=60_000)
        assert frame.locator("body").get_attribute("data-theme") == "gelap"
        assert frame.locator("html").get_attribute("lang") == "en"
        count = int(frame.locator("#deck").get_attribute("data-count"))
        for number in range(1, count + 1):
            assert current(frame) == number
            assert frame.locator("body").evaluate(SMALL_TEXT_JS) == []
            assert frame.locator(".slide:not([hidden]) .foot").inner_text().startswith("Data as of ")
            page.screenshot(path=str(OUT / f"gelap-en-{number:02d}.png"))
            page.keyboard.press("ArrowRight")
    finally:
        context.close()
    assert requests and all(urlparse(u).hostname == "127.0.0.1" for u in requests if not u.startswith(("data:", "blob:")))

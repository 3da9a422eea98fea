"""The kecamatan map in real Chromium with every request off loopback refused.

Proves what a unit test cannot: the vendored Leaflet draws the map with no internet, the injected
names stay text when Leaflet puts them into the page, on a phone a finger on the map scrolls the
page, and inside real Streamlit the way the app embeds it (a file under ``/app/static/maps/`` framed
by the region-map component) loads nothing from outside and hands a tapped kecamatan back to Python.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from urllib.parse import urlsplit

import pandas as pd
import pytest

from dashboard import settings as paths
from dashboard.logic import maps

pytestmark = pytest.mark.browser

SCREENSHOT = paths.REPO_ROOT / "test-output" / "map_offline.png"
COLORS = ["#edf8b1", "#7fcdbb", "#2c7fb8"]
PAYLOADS = [
    "<img src=x onerror=\"window.__pwned='img';alert(1)\">",
    "<script>window.__pwned='script'</script>",
    "${window.__pwned='template'}",
    "`;window.__pwned='backtick';`",
    "</script><script>window.__pwned='breakout'</script>",
    "javascript:window.__pwned='href'",
    "<svg onload=\"window.__pwned='svg'\">",
]

HOVER_ALL = """() => {
    const texts = [];
    for (const path of document.querySelectorAll("path.leaflet-interactive")) {
        const box = path.getBoundingClientRect();
        const at = {bubbles: true, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2};
        path.dispatchEvent(new MouseEvent("mouseover", at));
        const tip = document.querySelector(".leaflet-tooltip");
        texts.push(tip ? tip.innerText : null);
        path.dispatchEvent(new MouseEvent("mouseout", at));
    }
    return texts;
}"""


@pytest.fixture(scope="module")
def page_html() -> str:
    # the committed layer (geo/): a missing file is a failure, not a skip
    layer = json.loads((paths.geo_dir() / "display" / "kecamatan.geojson").read_text(encoding="utf-8"))
    codes = [f["properties"]["kode"] for f in layer["features"]]
    # Every third kecamatan has no row (grey); the payloads replace the first names.
    with_data = codes[::3] + codes[1::3]
    frame = pd.DataFrame({
        "kode_wilayah": with_data,
        "value": [float((i * 37) % 100) for i in range(len(with_data))],
        "status": "contoh",
    })
    frame["name"] = pd.Series(PAYLOADS, dtype=object).reindex(frame.index)
    classes = {"bins": [33.0, 66.0, 99.0], "colors": COLORS, "labels": PAYLOADS[:3]}
    meta = {"title": PAYLOADS[0], "unit": "orang", "period": "2024", "source": PAYLOADS[1], "status": "contoh"}
    SCREENSHOT.parent.mkdir(exist_ok=True)
    return maps.map_html(maps.kecamatan_map(frame, layer, classes, meta))


def _open(context, base_url: str):
    """A page that may only talk to the loopback server; returns (page, blocked URLs, dialogs)."""
    blocked, dialogs = [], []
    page = context.new_page()

    def only_loopback(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_loopback)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{base_url}/map.html", wait_until="load")
    page.wait_for_selector(".leaflet-container path.leaflet-interactive")
    return page, blocked, dialogs


def test_map_renders_offline_and_injected_names_stay_text(browser, static_server, page_html):
    base_url, root = static_server
    (root / "map.html").write_text(page_html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 900, "height": 700})
    try:
        page, blocked, dialogs = _open(context, base_url)
        assert page.locator(".leaflet-container").count() == 1
        assert page.locator("path.leaflet-interactive").count() >= 150
        fills = page.eval_on_selector_all("path.leaflet-interactive", "ps => ps.map(p => p.getAttribute('fill'))")
        assert {"#bdbdbd", *COLORS} <= set(fills)

        tooltips = page.evaluate(HOVER_ALL)
        legend = page.inner_text(".kesos-legend")
        attribution = page.inner_text(".leaflet-control-attribution")
        for payload in PAYLOADS:
            assert any(text and payload in text for text in tooltips), payload  # shown, as text
        assert PAYLOADS[0] in legend and "DATA CONTOH" in legend
        assert "CC BY 3.0 IGO" in attribution and PAYLOADS[1] in attribution and "DATA CONTOH" in attribution

        assert page.evaluate("window.__pwned") is None
        assert dialogs == []
        assert blocked == []  # nothing even tried to leave the machine
        page.screenshot(path=str(SCREENSHOT))
    finally:
        context.close()


def test_phone_finger_scrolls_the_page(browser, playwright, static_server, page_html):
    base_url, root = static_server
    (root / "map.html").write_text(page_html, encoding="utf-8")
    context = browser.new_context(**playwright.devices["Pixel 5"])
    try:
        page, blocked, _ = _open(context, base_url)
        assert page.evaluate("L.Browser.mobile") is True
        container = page.locator(".leaflet-container")
        assert "leaflet-touch-drag" not in container.get_attribute("class")
        # Leaflet's CSS gives a draggable container touch-action none (the finger moves the map).
        assert "pan-y" in container.evaluate("el => getComputedStyle(el).touchAction")
        assert blocked == []
        page.screenshot(path=str(SCREENSHOT.with_name("map_offline_phone.png")))
    finally:
        context.close()


EMBED_APP = """
    import json
    from pathlib import Path
    import pandas as pd
    import streamlit as st
    from dashboard import publish
    from dashboard.logic import maps
    from dashboard.ui import mapclick

    layer = json.loads(open({layer!r}, encoding="utf-8").read())
    codes = [f["properties"]["kode"] for f in layer["features"]]
    frame = pd.DataFrame({{"kode_wilayah": codes[:90], "value": [float(i) for i in range(90)], "status": "resmi"}})
    classes = {{"bins": [30.0, 60.0, 90.0], "colors": {colors!r}, "labels": ["a", "b", "c"]}}
    meta = {{"title": "Uji", "unit": "orang", "period": "2024", "source": "uji", "status": "resmi"}}
    url = publish.write_map(maps.map_html(maps.kecamatan_map(frame, layer, classes, meta)), Path("static/maps"))
    tapped = mapclick.tapped_map(mapclick.frame_spec(url, "Uji", "ketuk", 420), "peta")
    st.session_state.setdefault("tapped", []).append(tapped)
    st.write("ditekan: " + ",".join(c for c in st.session_state["tapped"] if c))
"""


@contextlib.contextmanager
def _streamlit(app_dir):
    """``streamlit run`` of ``app_dir/app.py`` on a free loopback port; the process group is stopped."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(paths.REPO_ROOT)}
    cmd = [sys.executable, "-m", "streamlit", "run", str(app_dir / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--server.enableStaticServing", "true",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    with open(app_dir / "streamlit.log", "w") as log:
        proc = subprocess.Popen(cmd, cwd=app_dir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + 60
            while True:
                with contextlib.suppress(OSError):
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                        break
                assert time.monotonic() < deadline, (app_dir / "streamlit.log").read_text()
                time.sleep(0.3)
            yield f"http://127.0.0.1:{port}"
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


@pytest.mark.slow  # starts Streamlit: ~8 s
def test_the_app_embedding_renders_offline_and_returns_a_tap(browser, tmp_path):
    layer = paths.geo_dir() / "display" / "kecamatan.geojson"  # committed in geo/
    (tmp_path / "app.py").write_text(textwrap.dedent(EMBED_APP.format(layer=str(layer), colors=COLORS)))
    (tmp_path / "static" / "maps").mkdir(parents=True)  # served at /app/static/; the map file goes here
    # a copy: Streamlit's static serving refuses a symlink that leads out of its folder
    shutil.copytree(paths.REPO_ROOT / "dashboard" / "static" / "vendor", tmp_path / "static" / "vendor")
    context = browser.new_context(viewport={"width": 900, "height": 1000})
    try:
        with _streamlit(tmp_path) as base_url:
            page, blocked, dialogs = _open_app(context, base_url)
            (frame,) = [f for f in page.frames if "/app/static/maps/" in f.url]
            assert frame.locator("path.leaflet-interactive").count() == len(json.loads(layer.read_text())["features"])
            code = frame.evaluate("() => { const p = [...document.querySelectorAll('path.leaflet-interactive')][5];"
                                  " p.dispatchEvent(new MouseEvent('click', {bubbles: true, clientX: 1, clientY: 1}));"
                                  " return null; }")
            assert code is None
            page.wait_for_function("() => /ditekan: \\d{7}/.test(document.body.innerText)", timeout=20_000)
            assert blocked == [] and dialogs == []
    finally:
        context.close()


def _open_app(context, base_url: str):
    page = context.new_page()
    blocked, dialogs = [], []
    page.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1"
               else (blocked.append(route.request.url), route.abort()))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base_url, wait_until="load")
    deadline = time.monotonic() + 45
    while sum(f.locator("path.leaflet-interactive").count() >= 150 for f in page.frames) < 1:
        assert time.monotonic() < deadline, "the map did not draw"
        page.wait_for_timeout(250)
    return page, blocked, dialogs

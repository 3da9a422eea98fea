"""The production stack on loopback: two Streamlit workers behind nginx, started by deploy.launch.

What a visitor's browser and an attacker's client would see: health, security headers, compressed
and cached bundle, refused unknown hosts, closed internal endpoints, the websocket session, sticky
workers, production flags in force, no error details, and the Beranda page in real Chromium with no
Content-Security-Policy violation.
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import http.client
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NewSession_pb2 import Config

from deploy.launch import REPO, free_port, http_status
from deploy.nginx import STICKY_COOKIE, streamlit_static_root
from deploy.stclient import StreamlitSession
from tests.deploy.conftest import KECAMATAN_SERIES
from tests.deploy.stackutil import SITE_MARKER, raw_request

FAILING_APP = Path(__file__).resolve().parent / "failing_app.py"
FAILING_MARKER = "rahasia-internal-7f3a"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def csp_directives(header: str) -> dict[str, list[str]]:
    return {parts[0]: parts[1:] for parts in (d.split() for d in header.split(";")) if parts}


def ws_url(base: str) -> str:
    return base.replace("http://", "ws://") + "/_stcore/stream"


def test_healthz_answers_through_nginx(get):
    response, body = get("/healthz")
    assert (response.status, body) == (200, b"ok")


def test_page_carries_the_security_headers(get):
    response, body = get("/")
    assert response.status == 200 and b'<div id="root">' in body
    for name, value in SECURITY_HEADERS.items():
        assert response.getheader(name) == value, name
    assert "camera=()" in response.getheader("Permissions-Policy")
    assert response.getheader("Server") == "nginx"  # no version, no "uvicorn"


def test_csp_allows_only_own_and_hashed_scripts(get):
    response, body = get("/")
    csp = csp_directives(response.getheader("Content-Security-Policy"))
    scripts = csp["script-src"]
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    # Every inline script of the page Streamlit serves is allowed by its own hash.
    inline = re.findall(rb"<script>(.*?)</script>", body, re.S)
    assert inline, "Streamlit's index.html has an inline script; the hash check needs one"
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script).digest()).decode()
        assert f"'sha256-{digest}'" in scripts


def test_bundle_is_gzipped_and_cached_for_a_year(get):
    _, page = get("/")
    js = re.search(rb'src="\./(static/js/index\.[\w-]+\.js)"', page).group(1).decode()
    response, body = get("/" + js, headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    cache = response.getheader("Cache-Control")
    assert "immutable" in cache and "max-age=31536000" in cache and "public" in cache
    original = (streamlit_static_root() / js).read_bytes()
    assert gzip.decompress(body) == original
    assert len(body) < 0.5 * len(original)


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.nip.io", "localhost.evil.example"])
def test_unknown_host_header_gets_no_answer(get, host):
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        get("/", host=host)


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
def test_listed_host_names_are_served(get, host):
    assert get("/healthz", host=host)[0].status == 200


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/_stcore/metrics"),
    ("PUT", "/_stcore/upload_file/session/file"),
    ("GET", "/_stcore/agent/openapi.json"),
])
def test_internal_endpoints_are_closed_at_nginx(stack, get, method, path):
    assert get(path, method=method)[0].status == 404


def test_metrics_exist_behind_nginx_so_the_block_matters(stack):
    response, _ = raw_request(stack.worker_ports[0], "/_stcore/metrics")
    assert response.status == 200


def test_site_folder_is_served_with_headers(get):
    response, body = get("/site/")
    assert response.status == 200 and SITE_MARKER.encode() in body
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert get("/site/absent.html")[0].status == 404


def test_app_static_passes_through_to_streamlit(get):
    response, _ = get("/app/static/vendor/VENDOR.md")
    assert response.status == 200


def test_websocket_session_through_nginx_with_production_flags(stack):
    async def one_run():
        async with StreamlitSession(ws_url(stack.url)) as session:
            return session.ws.subprotocol, await session.rerun()

    subprotocol, run = asyncio.run(one_run())
    assert subprotocol == "streamlit"
    assert run.ok and run.status == ForwardMsg.FINISHED_SUCCESSFULLY and run.messages > 5
    assert run.config is not None
    assert run.config.toolbar_mode == Config.ToolbarMode.VIEWER
    assert run.config.show_error_links == Config.ShowErrorLinks.SHOW_ERROR_LINKS_FALSE
    assert run.config.gather_usage_stats is False
    assert run.config.allow_run_on_save is False


def test_a_visitor_stays_on_one_worker(stack, get):
    first, _ = get("/")
    [cookie] = [c for c in first.headers.get_all("Set-Cookie") if c.startswith(f"{STICKY_COOKIE}=")]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    jar = {"Cookie": cookie.split(";", 1)[0]}
    worker = first.getheader("X-Upstream")
    assert worker in ("w1", "w2")
    for path in ["/", "/healthz", "/peta", "/_stcore/host-config"] * 3:
        response, _ = get(path, headers=jar)
        assert response.getheader("X-Upstream") == worker, path
        assert not [c for c in response.headers.get_all("Set-Cookie") or [] if c.startswith(STICKY_COOKIE)]

    async def websocket_worker():
        async with StreamlitSession(ws_url(stack.url), headers=jar) as session:
            return session.response_headers["X-Upstream"]

    assert asyncio.run(websocket_worker()) == worker


def test_new_visitors_are_spread_over_both_workers(get):
    # 24 cookie-less visitors all on one of two workers has probability 2**-23.
    assert {get("/")[0].getheader("X-Upstream") for _ in range(24)} == {"w1", "w2"}


def test_cli_hides_error_details_and_stops_on_sigterm(data_env, tmp_path):
    port, run_dir = free_port(), tmp_path / "run"
    proc = subprocess.Popen(
        [sys.executable, "-m", "deploy.launch", "--workers", "1", "--port", str(port), "--run-dir", str(run_dir),
         "--script", str(FAILING_APP), "--no-warm"],
        cwd=REPO, env={**os.environ, **data_env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while http_status(f"http://127.0.0.1:{port}/healthz") != 200:
            assert proc.poll() is None and time.monotonic() < deadline, "launcher did not come up"
            time.sleep(0.2)

        async def failing_run():
            async with StreamlitSession(ws_url(f"http://127.0.0.1:{port}"), record=True) as session:
                return await session.rerun(), b"".join(session.received)

        run, frames = asyncio.run(failing_run())
        assert len(run.exceptions) == 1
        shown = run.exceptions[0]
        assert shown["stack_trace"] == [] and shown["type"] == ""
        assert FAILING_MARKER.encode() not in frames
        # (Streamlit sends the script's absolute path in every NewSession, so the file name is in
        # the frames anyway; what must not be there is where in it the error happened.)
        assert "failing_app.py" not in shown["message"] and "ValueError" not in shown["message"]
        assert FAILING_MARKER in (run_dir / "worker-1.log").read_text()  # the details went to the log
        proc.send_signal(signal.SIGTERM)
        output, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:  # a failed assertion above: let the launcher stop its children
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    assert proc.returncode == 0
    assert f"Dasbor: http://127.0.0.1:{port}/" in output
    assert http_status(f"http://127.0.0.1:{port}/healthz", timeout=1) is None  # nginx is gone
    assert not (run_dir / "nginx.pid").exists()


@pytest.mark.browser
def test_beranda_in_chromium_through_nginx_without_csp_violations(stack):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: run `make system-deps`")
    violations: list[str] = []
    console_errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                                 "window.__csp = (window.__csp || []).concat([e.effectiveDirective + ' ' + e.blockedURI]))")
            page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
            page.goto(stack.url + "/", wait_until="domcontentloaded")
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
            page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=30_000)
            violations = page.evaluate("window.__csp || []")
            errors = page.locator("[data-testid=stException], [data-testid=stAlertContentError]").count()
            title = page.locator("h1").first.inner_text()
        finally:
            browser.close()
    assert violations == []
    assert [e for e in console_errors if "Content Security Policy" in e] == []
    assert errors == 0
    assert title.strip()


@pytest.mark.browser
def test_kecamatan_map_runs_sandboxed_under_its_own_policy(stack):
    """The folium map's inline scripts run only inside /app/static/maps/ (sandboxed, opaque origin):
    the map draws all kecamatan of a kab/kota, and neither the page nor the frame reports a violation."""
    sync_api = pytest.importorskip("playwright.sync_api")
    violations: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(stack.url + f"/peta?seri={KECAMATAN_SERIES}&tahun=2024&tingkat=kecamatan&kab=3673",
                      wait_until="domcontentloaded")
            # The map page is framed by the region-map component (which relays a tap on a kecamatan).
            deadline = time.monotonic() + 45
            while not (frames := [f for f in page.frames if "/app/static/maps/" in f.url]):
                assert time.monotonic() < deadline, "the kecamatan map page was not framed"
                page.wait_for_timeout(250)
            frame = frames[0]
            src = urllib.parse.urlsplit(frame.url).path
            # A real condition, not the first match: six drawn polygons, none degenerate ("M0 0L0 0z"
            # before Leaflet has laid out the map made the old wait pass too early under load).
            frame.wait_for_function("""() => [...document.querySelectorAll('path.leaflet-interactive')]
                .filter(p => { const b = p.getBBox(); return b.width > 1 && b.height > 1; }).length === 6""",
                                    timeout=45_000)
            paths = frame.locator("path.leaflet-interactive").count()
            sandboxed_origin = frame.evaluate("() => window.origin")
            with urllib.request.urlopen(urllib.request.Request(stack.url + src, headers={"Host": "127.0.0.1"})) as r:
                policy = r.headers["Content-Security-Policy"]
        finally:
            browser.close()
    assert paths == 6  # Kota Serang has 6 kecamatan
    assert sandboxed_origin == "null"  # opaque origin: cannot reach the app's cookies or storage
    assert "sandbox allow-scripts" in policy and "'unsafe-inline'" in policy
    assert violations == []


@pytest.mark.parametrize("path", ["/staf", "/staf/", "/staf/unggah", "/staf/_stcore/stream"])
def test_staff_paths_are_404_at_nginx_without_a_staff_app(stack, get, path):
    response, _ = get(path)
    assert response.status == 404 and response.getheader("X-Upstream") in (None, "")

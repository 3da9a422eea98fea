"""Shared browser fixtures: Debian's Chromium driven by Playwright's sync API, plus a loopback server.

Playwright's own browser download fails here, so the system Chromium is launched instead. Mark tests
that use these ``@pytest.mark.browser`` (``pytest -m "not browser"`` leaves them out); they are skipped
when Playwright or Chromium is missing.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


# Module scope, not session: Playwright's sync API allows one driver per thread, so a session-wide
# driver made any module that starts its own (tests/phone/ does) fail with "Sync API
# inside the asyncio loop". A launch costs well under a second per module.
@pytest.fixture(scope="module")
def playwright():
    """The Playwright driver; ``playwright.devices["Pixel 5"]`` gives phone emulation settings."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright):
    """One headless Chromium per test module; open a fresh context per test."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed")
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def static_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A loopback HTTP server over a fresh folder: ``(base_url, root)``; put files in ``root``.

    The repository's ``dashboard/static`` is copied to ``root/app/static`` so pages can use the same
    ``/app/static/...`` URLs Streamlit's static serving gives them.
    """
    root = tmp_path / "site"
    shutil.copytree(Path(__file__).resolve().parents[2] / "dashboard" / "static", root / "app" / "static")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

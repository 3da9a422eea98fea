"""Fixtures of the phone and laptop tests: the official default release served by the real app (one
server per module; ``DASHBOARD_MODE=contoh`` where a test needs demonstration data), and Debian's
Chromium.

The browser is one per module, not per session: Playwright's sync API allows one driver per
thread, and other modules of the suite start their own (see tests/browser/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.appserver import CHROMIUM, CHROMIUM_ARGS, running_app


def _served(tmp_path_factory, mode: str):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: run `make system-deps`")
    from dashboard.data import build, release

    releases = tmp_path_factory.mktemp(f"releases-{mode}")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_RELEASES_DIR", str(releases))
        build.init_release()  # the official default release, as `make run` publishes it
    assert release.current_id(releases)
    # Kecamatan map pages go to dashboard/static/maps/ (gitignored, content-hashed): Streamlit serves
    # only that folder at /app/static/.
    with running_app(releases, extra_env={"DASHBOARD_MODE": mode}) as url:
        yield url


@pytest.fixture(scope="module")
def official_app(tmp_path_factory):
    """The public site: the official default release (``DASHBOARD_MODE=resmi``)."""
    yield from _served(tmp_path_factory, "resmi")


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    """The demonstration mode (``DASHBOARD_MODE=contoh``) over the same default release."""
    yield from _served(tmp_path_factory, "contoh")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()

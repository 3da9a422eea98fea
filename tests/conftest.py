"""Suite-wide isolation: generated outputs (open data, light pages) never land in the repository; and
the starting release, built once per session and copied for every test that writes (tests/data,
tests/staff)."""

from __future__ import annotations

import shutil

import pytest

from dashboard.data import build


@pytest.fixture(scope="session")
def outputs_root(tmp_path_factory):
    return tmp_path_factory.mktemp("outputs")


@pytest.fixture(autouse=True)
def _isolated_outputs(outputs_root, monkeypatch):
    monkeypatch.setenv("DASHBOARD_OPENDATA_DIR", str(outputs_root / "opendata"))
    monkeypatch.setenv("DASHBOARD_SITE_DIR", str(outputs_root / "site"))
    monkeypatch.setenv("DASHBOARD_PRIVATE_DIR", str(outputs_root / "private"))  # never data/private
    # The light edition has its own tests (tests/site/); elsewhere a publish skips its ~10 s build.
    monkeypatch.setenv("DASHBOARD_LIGHT_PAGES", "0")


@pytest.fixture(scope="session")
def base_release(tmp_path_factory):
    """The first release, built once (~1-2 s) from the embedded data; never written to by tests."""
    root = tmp_path_factory.mktemp("releases_base")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_RELEASES_DIR", str(root))
        build.init_release()
    return root


@pytest.fixture
def releases(base_release, tmp_path, monkeypatch):
    """This test's own copy of the starting release folder, set as DASHBOARD_RELEASES_DIR."""
    root = tmp_path / "releases"
    shutil.copytree(base_release, root)
    monkeypatch.setenv("DASHBOARD_RELEASES_DIR", str(root))
    return root

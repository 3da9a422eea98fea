"""Fixtures of the data tests: one starting release built once, copied for every test that writes."""

from __future__ import annotations

import shutil

import pytest

from dashboard.data import build


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
    """A private copy of the starting release folder, set as DASHBOARD_RELEASES_DIR."""
    root = tmp_path / "releases"
    shutil.copytree(base_release, root)
    monkeypatch.setenv("DASHBOARD_RELEASES_DIR", str(root))
    return root

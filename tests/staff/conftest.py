"""Fixtures of the staff-side tests: a releases folder (copied from one built per session) and a private
folder per test, both set in the environment the code reads."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from dashboard.data import build

sys.path.insert(0, str(Path(__file__).resolve().parent))  # roster_files, as tests/data does staff_corpus


@pytest.fixture(scope="session")
def base_release(tmp_path_factory):
    root = tmp_path_factory.mktemp("staff_releases_base")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_RELEASES_DIR", str(root))
        build.init_release()
    return root


@pytest.fixture
def releases(base_release, tmp_path, monkeypatch):
    """This test's own releases folder (DASHBOARD_RELEASES_DIR)."""
    root = tmp_path / "releases"
    shutil.copytree(base_release, root)
    monkeypatch.setenv("DASHBOARD_RELEASES_DIR", str(root))
    return root


@pytest.fixture
def private(tmp_path, monkeypatch):
    """This test's own private folder (DASHBOARD_PRIVATE_DIR), not created yet."""
    root = tmp_path / "private"
    monkeypatch.setenv("DASHBOARD_PRIVATE_DIR", str(root))
    return root

"""Shared fixtures for page tests: a release in a temporary folder, the boundary layers, a page runner,
and helpers that see everything a page sends (elements and downloads).

Pages are tested as files (``AppTest.from_file("dashboard/views/<page>.py")``), not through
``st.navigation`` (field notes: AppTest quirks). One release is built per session and copied into each
test's folder; Streamlit's caches are cleared whenever the served release changes, because release
ids can repeat between temporary folders (see :func:`use_release`).

Usage::

    def test_renders(run_page):
        at = run_page("psks", kab="3601")
        assert not at.exception
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from tests.views.apptest_tools import REPO_ROOT, Download, page_test, use_release

GEO_DIR = REPO_ROOT / "geo"  # the committed boundary layers
GEO_FILES = ("banten_kabkota.geojson", "banten_kecamatan.geojson", "display/kabkota.geojson",
             "display/kecamatan.geojson")


@pytest.fixture(scope="session")
def release_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A releases folder holding the default release, built once per session (do not modify)."""
    from dashboard.data import build

    root = tmp_path_factory.mktemp("releases-template")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_RELEASES_DIR", str(root))
        build.init_release()
    return root


@pytest.fixture(scope="session")
def geo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the committed boundary layers (geo/)."""
    root = tmp_path_factory.mktemp("geo")
    for name in GEO_FILES:
        (root / name).parent.mkdir(exist_ok=True)
        shutil.copy(GEO_DIR / name, root / name)
    return root


@pytest.fixture()
def releases_dir(release_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own copy of the default releases folder, served by the pages.

    Override it in a test module (same name, calling :func:`use_release`) to serve another release.
    """
    return use_release(release_template, tmp_path, monkeypatch)


@pytest.fixture()
def geo_dir(geo_template: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The boundary layers, set as ``DASHBOARD_GEO_DIR`` (read-only: shared by all tests)."""
    monkeypatch.setenv("DASHBOARD_GEO_DIR", str(geo_template))
    return geo_template


@pytest.fixture()
def served_release(releases_dir: Path):
    """The release the page under test serves (to count independently of the page)."""
    from dashboard.data import release

    return release.load_newest_good(releases_dir).release


@pytest.fixture()
def run_page(releases_dir: Path, geo_dir: Path) -> Callable[..., AppTest]:
    """``run_page("psks", kab="3601")`` runs a page against this test's release and geo folders."""

    def run(page: str, **params: str) -> AppTest:
        return page_test(page, **params).run()

    return run


@pytest.fixture()
def downloads(monkeypatch: pytest.MonkeyPatch) -> list[Download]:
    """Every download the pages offer during the test, deferred ones included.

    Static downloads are recorded when stored; deferred ones (``data=callable``) are called as soon
    as they are registered, the way a click would, so their content can be checked too.
    """
    seen: list[Download] = []
    store = MemoryMediaFileStorage.load_and_get_id
    defer = MediaFileManager.add_deferred

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
        data = path_or_data if isinstance(path_or_data, bytes) else Path(path_or_data).read_bytes()
        seen.append(Download(filename or "", data))
        return store(self, path_or_data, mimetype, kind, filename)

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        data = data_callable()
        seen.append(Download(file_name or "", data.encode("utf-8") if isinstance(data, str) else bytes(data)))
        return defer(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", load_and_get_id)
    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return seen

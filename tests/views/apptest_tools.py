"""Helpers for page tests with AppTest (import as ``tests.views.apptest_tools``; fixtures are in
``tests/views/conftest.py``).

Import this module only by that name: it holds the memo of which release Streamlit's caches were
filled from, and a second copy under another module name would keep a second, wrong memo.
"""

from __future__ import annotations

import functools
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import streamlit as st
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.testing.v1 import AppTest

REPO_ROOT = Path(__file__).resolve().parents[2]
VIEWS_DIR = REPO_ROOT / "dashboard" / "views"
RUN_TIMEOUT = 60


_cached_release: list[tuple] = []  # fingerprint of the release Streamlit's caches were filled from


def clear_streamlit_caches() -> None:
    """Forget everything cached; call it after changing a release folder in place."""
    st.cache_resource.clear()
    st.cache_data.clear()
    _cached_release.clear()


def use_release(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Copy a releases folder for one test and serve it (``DASHBOARD_RELEASES_DIR``).

    Every test that serves a release should come through here (or call
    :func:`clear_streamlit_caches` itself).

    ``dashboard.cached`` keys most entries by release id alone, and ids can repeat between temporary
    folders, so the caches are cleared whenever the served release differs from the previous test's
    (same id and same file checksums: the same data, and the warm caches are kept, which keeps page
    tests fast).
    """
    from dashboard.data import release

    root = tmp_path / "releases"
    shutil.copytree(template, root)
    monkeypatch.setenv("DASHBOARD_RELEASES_DIR", str(root))
    current = release.current_id(root)
    manifest_file = root / str(current) / release.MANIFEST_FILE
    manifest = json.loads(manifest_file.read_text(encoding="utf-8")) if manifest_file.exists() else {}
    revisions = root / "revisions.csv"
    fingerprint = (current, tuple(sorted(manifest.get("files", {}).items())),
                   revisions.stat().st_size if revisions.exists() else -1)
    if _cached_release != [fingerprint]:
        clear_streamlit_caches()
        _cached_release.append(fingerprint)
    return root


@functools.cache
def _components() -> BidiComponentManager:
    # A fresh AppTest scans the metadata of every installed package for components on its first
    # run (~1 s here); the result does not change within a test session, so it is shared.
    manager = BidiComponentManager()
    manager.discover_and_register_components(start_file_watching=False)
    return manager


def page_test(page: str, **params: str) -> AppTest:
    """An AppTest of ``dashboard/views/<page>.py`` with the given query parameters (not yet run)."""
    at = AppTest.from_file(str(VIEWS_DIR / f"{page}.py"), default_timeout=RUN_TIMEOUT)
    at._bidi_component_manager = _components()
    for key, value in params.items():
        at.query_params[key] = value
    return at


@dataclass(frozen=True)
class Download:
    """One file a page offered: its name and content."""

    file_name: str
    data: bytes


def _walk(node) -> Iterator:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def page_bytes(at: AppTest) -> bytes:
    """Every element the page produced, serialised as sent to the browser (dataframes included)."""
    parts = []
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(proto.SerializeToString())
    return b"\n".join(parts)


def page_text(at: AppTest) -> str:
    """All visible text of markdown, captions, titles, alerts and HTML blocks, joined."""
    texts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        texts.extend(str(el.value) for el in getattr(at, kind))
    texts.extend(el.proto.body for el in at.get("html"))
    return "\n".join(texts)


def assert_no_error(at: AppTest) -> None:
    """A page run that must have worked: no exception, and no error element (every page runs inside
    ``shell.guarded``, which turns an exception into an ``st.error``, so ``at.exception`` alone can
    never fail)."""
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == []

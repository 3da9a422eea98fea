"""The two releases every view-model sweep runs over: the published default, and its demonstration
value (published figures + DATA CONTOH series + synthetic roster), built once per session."""

from __future__ import annotations

import pytest

from dashboard.data import build, demo, release


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> release.Release:
    root = tmp_path_factory.mktemp("releases-vm")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_RELEASES_DIR", str(root))
        assert build.init_release() is not None
    return release.load_newest_good(root).release


@pytest.fixture(scope="session")
def demonstration(published) -> release.Release:
    return demo.with_demo(published)


@pytest.fixture(scope="session", params=["resmi", "contoh"])
def any_mode(request, published, demonstration) -> release.Release:
    return published if request.param == "resmi" else demonstration

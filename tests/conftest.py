"""Suite-wide isolation: generated outputs (open data, light pages) never land in the repository."""

from __future__ import annotations

import pytest


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

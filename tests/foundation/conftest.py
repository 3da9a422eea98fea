"""Shared, read-only fixtures of the data foundation, built once per test session.

The default release is published into a temporary ``DASHBOARD_RELEASES_DIR`` (set only while it is
built), so no test touches ``data/releases``. Tests must not mutate what these fixtures return.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import build, release, roster, sourced


@pytest.fixture(scope="session")
def releases_root(tmp_path_factory):
    """A releases folder holding the default release, published the way ``init`` does it."""
    root = tmp_path_factory.mktemp("releases")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_RELEASES_DIR", str(root))
        assert build.init_release() is not None
    return root


@pytest.fixture(scope="session")
def default_release(releases_root) -> release.Release:
    return release.load_newest_good(releases_root).release


@pytest.fixture(scope="session")
def raw_sourced() -> pd.DataFrame:
    """``sourced_figures.csv`` as text, one row per line of the file (line = index + 2)."""
    return sourced.load_raw()


@pytest.fixture(scope="session")
def resmi() -> pd.DataFrame:
    return sourced.import_sourced()


@pytest.fixture(scope="session")
def full_roster() -> pd.DataFrame:
    """The synthetic roster with its private fields, as the generator makes it."""
    return roster.generate_roster()

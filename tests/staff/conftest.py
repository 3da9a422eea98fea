"""Fixtures of the staff-side tests: a private folder per test, set in the environment the code reads (the
releases folder per test is tests/conftest.py's ``releases``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # roster_files, as tests/data does staff_corpus


@pytest.fixture
def private(tmp_path, monkeypatch):
    """This test's own private folder (DASHBOARD_PRIVATE_DIR), not created yet."""
    root = tmp_path / "private"
    monkeypatch.setenv("DASHBOARD_PRIVATE_DIR", str(root))
    return root

"""Paths and helpers shared by the geo tests (a uniquely named module, safer to import than ``conftest``)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
# The project is not pip-installed in the venv: make ``dashboard`` importable.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))
SHARED_GEO = REPO_ROOT.parent / "shared" / "geo"
VILLAGE_FILE = SHARED_GEO / "source" / "banten_desa_hdx_bps2020.geojson"
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "geo"
MINI_VILLAGES = FIXTURES / "mini_villages.geojson"
MINI_REFERENCE = FIXTURES / "reference"

NO_SHARED = f"real boundary data not available: {VILLAGE_FILE} is absent (it is not kept in git)"


def require_shared() -> None:
    if not VILLAGE_FILE.is_file() or not (SHARED_GEO / "banten_kecamatan.geojson").is_file():
        pytest.skip(NO_SHARED)


def snapshot(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` except the download cache (to prove nothing changed)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.relative_to(folder).parts
    }

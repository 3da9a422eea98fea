"""Paths and helpers shared by the geo tests (a uniquely named module, safer to import than ``conftest``)."""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
# The project is not pip-installed in the venv: make ``dashboard`` importable.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))
GEO_DIR = REPO_ROOT / "geo"  # the committed layers
LAYER_FILES = (
    "banten_kabkota.geojson",
    "banten_kecamatan.geojson",
    "display/kabkota.geojson",
    "display/kecamatan.geojson",
)
BUILT_FILES = (*LAYER_FILES, "SOURCES.md")
MANIFEST = GEO_DIR / "source_manifest.csv"
# The eight published village files, byte for byte, kept beside the repository in this workspace and on CI
# (never in git, never read by the app): only the rebuild tests use them.
PER_KABKOTA = REPO_ROOT.parent / "shared" / "geo" / "source" / "per_kabkota"
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "geo"
MINI_SOURCES = FIXTURES / "per_kabkota"
MINI_REFERENCE = FIXTURES / "reference"

NO_SOURCES = (
    f"rebuild from the official files not tested: {PER_KABKOTA} is absent (the eight published village "
    "files live beside the repository on CI, not in git)"
)


def require_sources() -> Path:
    """The folder of the eight real village files, or skip the test with a visible reason."""
    with open(MANIFEST, encoding="utf-8") as handle:
        names = [row["file"] for row in csv.DictReader(handle)]
    if not all((PER_KABKOTA / name).is_file() for name in names):
        pytest.skip(NO_SOURCES)
    return PER_KABKOTA


def write_manifest(path: Path, folder: Path, base_url: str, names: list[str] | None = None, **override) -> Path:
    """A manifest of the files in ``folder`` (all, or ``names``) served under ``base_url``.

    ``override`` maps a file name to a dict of column values replacing the computed ones.
    """
    names = names or sorted(p.name for p in folder.glob("id*.geojson"))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "url", "sha256", "bytes"], lineterminator="\n")
        writer.writeheader()
        for name in names:
            data = (folder / name).read_bytes()
            row = {"file": name, "url": f"{base_url}/{name}", "sha256": hashlib.sha256(data).hexdigest(),
                   "bytes": len(data)}
            writer.writerow({**row, **override.get(name, {})})
    return path


def snapshot(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` except the download cache (to prove nothing changed)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.relative_to(folder).parts
    }

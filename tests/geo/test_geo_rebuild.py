"""Reproducibility: the real download-and-build path, fed the eight published village files over loopback
HTTP, writes exactly the committed geo/ files; a second build in another process writes them again.

Needs the eight files beside the repository (``../shared/geo/source/per_kabkota``); skipped with the reason
where they are absent. Nothing here touches the network.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys

import pytest
from geo_testdata import BUILT_FILES, GEO_DIR, MANIFEST, REPO_ROOT, require_sources

from dashboard.geo.__main__ import main

GITHUB_RAW = "https://raw.githubusercontent.com"


@pytest.fixture
def served_manifest(http_server, tmp_path):
    """The project's manifest with every URL rewritten to the loopback server, which serves the eight files
    under the same paths (only the host changes: checksums and sizes are the manifest's own)."""
    folder = require_sources()
    with open(MANIFEST, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        assert row["url"].startswith(GITHUB_RAW + "/"), row["url"]
        path = row["url"].removeprefix(GITHUB_RAW)
        http_server(path, (folder / row["file"]).read_bytes())
        row["url"] = http_server.base + path
    manifest = tmp_path / "manifest.csv"
    with open(manifest, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return manifest


def _differences(built, committed=GEO_DIR) -> list[str]:
    return [name for name in BUILT_FILES if (built / name).read_bytes() != (committed / name).read_bytes()]


@pytest.mark.slow  # two builds of the real layers: ~10 s
def test_download_and_build_reproduces_the_committed_files(served_manifest, http_server, tmp_path, capsys):
    dest = tmp_path / "geo"
    args = ["build", "--manifest", str(served_manifest), "--dest", str(dest), "--no-progress"]
    assert main(args) == 0, capsys.readouterr().err
    assert "Mengunduh 8 berkas desa" in capsys.readouterr().out
    assert _differences(dest) == [], "rebuild differs from the committed geo/: rebuild and commit them"
    assert sorted(http_server.hits.values()) == [1] * 8
    with open(MANIFEST, encoding="utf-8") as handle:
        names = sorted(row["file"] for row in csv.DictReader(handle))
    assert sorted(p.name for p in (dest / ".cache").iterdir()) == names  # complete files only, no .part

    # Again into the same folder: the cache is used (no request), nothing is rewritten.
    mtimes = {name: (dest / name).stat().st_mtime_ns for name in BUILT_FILES}
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "8 berkas desa sudah ada di cache" in out and "tidak ada yang berubah" in out, out
    assert sorted(http_server.hits.values()) == [1] * 8
    assert {name: (dest / name).stat().st_mtime_ns for name in BUILT_FILES} == mtimes


@pytest.mark.slow
def test_build_is_deterministic_across_processes(tmp_path):
    """``--from`` a local copy, in a fresh interpreter with another hash seed: the same bytes again."""
    folder = require_sources()
    dest = tmp_path / "geo"
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.geo", "build", "--from", str(folder), "--dest", str(dest)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert _differences(dest) == []
    assert not (dest / ".cache").exists()  # --from reads the folder in place: nothing downloaded or cached

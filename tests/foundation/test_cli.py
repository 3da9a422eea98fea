"""``python -m dashboard.data``: init creates the first release once; status names what is served.

One run goes through a real ``python -m`` subprocess (the entry point as staff type it); the others
call :func:`dashboard.data.__main__.main` in-process, which is the same code without the start-up.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.data import release
from dashboard.data.__main__ import main
from dashboard.logic.opendata import validate_data_package
from dashboard.settings import REPO_ROOT


@pytest.fixture()
def releases(tmp_path, monkeypatch):
    root = tmp_path / "rilis"
    monkeypatch.setenv("DASHBOARD_RELEASES_DIR", str(root))
    return root


def test_init_creates_a_release_then_says_it_exists_and_status_names_it(releases, capsys):
    first = subprocess.run([sys.executable, "-m", "dashboard.data", "init"], cwd=REPO_ROOT, env=dict(os.environ),
                           capture_output=True, text=True, timeout=120, check=False)
    assert first.returncode == 0, first.stderr
    rid = release.current_id(releases)
    assert rid and f"Rilis awal diterbitkan: {rid}" in first.stdout
    assert release.list_releases(releases) == [rid]

    # Every publication also writes the open-data package at its stable address, valid by its own metadata.
    opendata_dir = Path(os.environ["DASHBOARD_OPENDATA_DIR"])
    assert validate_data_package(opendata_dir) == []
    assert rid in (opendata_dir / "datapackage.json").read_text(encoding="utf-8")

    assert main(["init"]) == 0
    assert f"Sudah ada rilis: {rid}" in capsys.readouterr().out
    assert release.list_releases(releases) == [rid]  # nothing new was written

    assert main(["status"]) == 0
    out = capsys.readouterr().out
    served = release.load_release(rid, releases)
    assert f"Rilis: {rid}" in out
    assert f"Angka: {len(served.statistics)}; roster publik: {len(served.roster)} baris" in out
    assert "PERINGATAN" not in out


def test_status_warns_about_a_skipped_release(releases, default_release, capsys):
    good = release.publish(default_release.statistics.head(5), default_release.roster.head(3), "baik", releases)
    bad = release.publish(default_release.statistics.head(4), default_release.roster.head(3), "rusak", releases)
    (releases / bad / release.STATS_FILE).write_text("rusak\n", encoding="utf-8")
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert f"Rilis: {good}" in out and f"PERINGATAN: rilis {bad} dilewati: " in out and "checksum" in out



def test_init_republishes_when_no_release_can_be_read(releases, default_release, capsys):
    # A release written before the provenance columns existed cannot be served; init must not say
    # "Sudah ada rilis" and leave the app without data.
    old = release.publish(default_release.statistics.head(5), default_release.roster.head(3), "lama", releases)
    stats = releases / old / release.STATS_FILE
    lines = stats.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    keep = [i for i, name in enumerate(header) if name not in ("source_type", "processing", "origin")]
    stats.write_text("\n".join(",".join(line.split(",")[i] for i in keep) for line in lines[:1]) + "\n",
                     encoding="utf-8")
    with pytest.raises(release.ReleaseError, match="format lama"):
        release.read_statistics(stats)
    assert main(["status"]) == 1
    capsys.readouterr()
    assert main(["init"]) == 0
    new = release.current_id(releases)
    assert new != old and f"Rilis awal diterbitkan: {new}" in capsys.readouterr().out
    assert release.load_newest_good(releases).release.release_id == new

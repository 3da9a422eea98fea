"""``python -m dashboard.data``: init creates the first release once; status names what is served."""

from __future__ import annotations

import os
import subprocess
import sys

from dashboard.data import release
from dashboard.paths import REPO_ROOT


def cli(*args: str, releases) -> subprocess.CompletedProcess:
    env = {**os.environ, "DASHBOARD_RELEASES_DIR": str(releases)}
    return subprocess.run([sys.executable, "-m", "dashboard.data", *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_init_then_init_again_then_status(tmp_path):
    releases = tmp_path / "rilis"
    first = cli("init", releases=releases)
    assert first.returncode == 0, first.stderr
    rid = release.current_id(releases)
    assert rid and rid in first.stdout and "diterbitkan" in first.stdout
    assert release.list_releases(releases) == [rid]

    second = cli("init", releases=releases)
    assert second.returncode == 0, second.stderr
    assert f"Sudah ada rilis: {rid}" in second.stdout
    assert release.list_releases(releases) == [rid]  # nothing new was written

    status = cli("status", releases=releases)
    assert status.returncode == 0, status.stderr
    assert rid in status.stdout
    served = release.load_release(rid, releases)
    assert str(len(served.statistics)) in status.stdout and "PERINGATAN" not in status.stdout


def test_status_warns_about_a_skipped_release(tmp_path, default_release):
    releases = tmp_path / "rilis"
    good = release.publish(default_release.statistics.head(5), default_release.roster.head(3), "baik", releases)
    bad = release.publish(default_release.statistics.head(4), default_release.roster.head(3), "rusak", releases)
    (releases / bad / release.STATS_FILE).write_text("rusak\n", encoding="utf-8")
    status = cli("status", releases=releases)
    assert status.returncode == 0, status.stderr
    assert good in status.stdout and f"PERINGATAN: rilis {bad}" in status.stdout

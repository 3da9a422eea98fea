"""The audit log is append-only CSV, one line per action, cleaned of anything that could forge a line
or run as a spreadsheet formula, and refuses user names the staff side would not accept."""

from __future__ import annotations

import csv
import threading

import pytest

from dashboard.data import audit


def test_lines_are_appended_never_rewritten(tmp_path):
    audit.record("periksa", "alice", "lolos", file_name="a.xlsx", sha256="ab" * 32, release_id="r1", root=tmp_path)
    first = (tmp_path / "audit.csv").read_bytes()
    audit.record("terbitkan", "bob", "diterbitkan", file_name="b.csv", release_id="r2", root=tmp_path)
    text = (tmp_path / "audit.csv").read_bytes()
    assert text.startswith(first)
    rows = list(csv.DictReader(text.decode().splitlines()))
    assert [(r["pengguna"], r["aksi"], r["rilis"]) for r in rows] == [("alice", "periksa", "r1"), ("bob", "terbitkan", "r2")]
    assert rows[0]["waktu_utc"].endswith("+00:00") and rows[0]["sha256"] == "ab" * 32


def test_fields_cannot_forge_lines_or_formulas(tmp_path):
    audit.record("periksa", "alice", "ditolak", file_name="x.csv\nBerkas lolos,alice", note="=HYPERLINK(\"x\")",
                 root=tmp_path)
    lines = (tmp_path / "audit.csv").read_text().splitlines()
    assert len(lines) == 2
    row = audit.read(tmp_path).iloc[0]
    assert "\n" not in row["berkas"] and row["keterangan"].startswith("'=")


@pytest.mark.parametrize("user", ["", "a b", "x\nadmin", "=cmd", "a" * 65, "cli:"])
def test_bad_user_names_write_nothing(tmp_path, user):
    with pytest.raises(ValueError):
        audit.record("periksa", user, "lolos", root=tmp_path)
    assert not (tmp_path / "audit.csv").exists()


def test_parallel_writers_keep_every_line_whole(tmp_path):
    def many(name):
        for _ in range(50):
            audit.record("periksa", name, "lolos", note="x" * 200, root=tmp_path)

    threads = [threading.Thread(target=many, args=(f"u{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    log = audit.read(tmp_path)
    assert len(log) == 200 and set(log.pengguna) == {"u0", "u1", "u2", "u3"}
    assert (log.keterangan == "x" * 200).all()


def test_publisher_of_maps_releases_to_users(tmp_path):
    audit.record("periksa", "alice", "lolos", release_id="r1", root=tmp_path)
    audit.record("terbitkan", "alice", "diterbitkan", release_id="r2", root=tmp_path)
    audit.record("pulihkan", "bob", "diterbitkan", release_id="r3", root=tmp_path)
    assert audit.publisher_of(audit.read(tmp_path)) == {"r2": "alice", "r3": "bob"}


def test_cli_publish_is_logged_and_a_refused_check_writes_nothing(releases):
    from dashboard.data import release
    from dashboard.data.__main__ import main
    from dashboard.settings import REPO_ROOT

    fixtures = REPO_ROOT / "tests" / "fixtures" / "staff"
    assert main(["check", str(fixtures / "kolom_pribadi.csv")]) == 1
    assert not audit.audit_path().exists()
    assert main(["publish", str(fixtures / "baik_bersih.csv")]) == 0
    [line] = audit.read().to_dict("records")
    assert (line["aksi"], line["hasil"], line["rilis"]) == ("terbitkan", "diterbitkan", release.current_id())
    assert line["pengguna"] == audit.cli_user() and len(line["sha256"]) == 64

"""A file of the largest allowed size (99,999 data rows) checks clean, reports a planted bad row deep
inside with its spreadsheet row number, and reports progress (issue 14, item 6). Timings are in
bench/staff_check.py, never here."""

from __future__ import annotations

import pytest

from bench.staff_check import HEADER, valid_rows, write_csv, write_xlsx
from dashboard.data import staff
from dashboard.data.staff_messages import rule_id

ROWS = 99_999
DEEP_YEAR, DEEP_PHONE = 87_654, 99_000  # spreadsheet rows (header = row 1)


@pytest.fixture(scope="module")
def rows():
    return valid_rows(ROWS)


def _planted(rows: list[list]) -> list[list]:
    planted = [list(r) for r in rows]
    planted[DEEP_YEAR - 2][HEADER.index("tahun")] = "dua ribu"
    planted[DEEP_PHONE - 2][HEADER.index("kutipan")] = "hubungi 0812-3456-7890"
    return planted


def _found(result) -> set[tuple]:
    return {(rule_id(p), p.row, p.column) for p in result.problems}


def test_largest_csv_checks_clean_with_progress(rows, releases, tmp_path):
    calls = []
    result = staff.check(write_csv(tmp_path / "besar.csv", rows), progress=lambda *a: calls.append(a))
    assert result.problems == []
    assert len(result.rows) == ROWS and result.rows.index[-1] == ROWS + 1
    stages = [stage for _, _, stage in calls]
    assert [s for i, s in enumerate(stages) if i == 0 or stages[i - 1] != s] == ["read", "cells", "rules"]
    for stage in ("read", "cells", "rules"):
        seen = [(done, total) for done, total, s in calls if s == stage]
        assert all(0 <= d <= t for d, t in seen) and seen[-1][0] == seen[-1][1]
        assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_planted_bad_rows_deep_in_a_large_csv(rows, releases, tmp_path):
    result = staff.check(write_csv(tmp_path / "besar.csv", _planted(rows)))
    assert _found(result) == {("tahun_tidak_terbaca", DEEP_YEAR, "tahun"),
                              ("data_pribadi_dalam_sel", DEEP_PHONE, "kutipan")}


@pytest.mark.slow
def test_planted_bad_rows_deep_in_a_large_xlsx(rows, releases, tmp_path):
    result = staff.check(write_xlsx(tmp_path / "besar.xlsx", _planted(rows)))
    assert _found(result) == {("tahun_tidak_terbaca", DEEP_YEAR, "tahun"),
                              ("data_pribadi_dalam_sel", DEEP_PHONE, "kutipan")}


def test_command_draws_progress_on_stderr_only(releases, tmp_path, capsys):
    path = write_csv(tmp_path / "kecil.csv", valid_rows(200))
    assert staff.run("check", str(path), progress=True) == 0
    captured = capsys.readouterr()
    assert "Memeriksa sel" in captured.err and "Membandingkan dengan rilis" in captured.err
    assert "100%" in captured.err
    assert "\r" not in captured.out and captured.out.startswith("Membaca berkas 'kecil.csv'")
    assert "Berkas lolos pemeriksaan: 200 angka dibaca." in captured.out


def test_progress_through_publish_reaches_the_merge(releases, tmp_path):
    calls = []
    result = staff.publish(write_csv(tmp_path / "kecil.csv", valid_rows(200)), progress=lambda *a: calls.append(a))
    assert result.problems == [] and result.release_id is not None
    assert calls[-1] == (2, 2, "merge")

"""Every hostile or broken staff file is refused with its exact rules, and nothing is written."""

from __future__ import annotations

import pytest
from staff_corpus import BAD_CASES, FIXTURES, PRIVATE_VALUES, tree_digest

from dashboard.data import staff
from dashboard.data.__main__ import main
from dashboard.data.staff_messages import RULES, rule_id


def test_corpus_is_large_and_every_fixture_is_used():
    assert len(BAD_CASES) >= 30
    used = {b(None).name for b, _, _ in BAD_CASES.values() if getattr(b, "__name__", "") == "<lambda>"}
    on_disk = {p.name for p in FIXTURES.iterdir() if p.name != "README.md" and not p.name.startswith("baik_")}
    assert on_disk == used


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_file_refused_with_exact_rules(case, releases, tmp_path):
    build_file, sheet, expected = BAD_CASES[case]
    path = build_file(tmp_path)
    before = tree_digest(releases)

    result = staff.publish(path, sheet=sheet)

    found = {(rule_id(p), p.row, p.column) for p in result.problems}
    assert found == expected
    assert all(p.file == path.name for p in result.problems)
    assert result.release_id is None
    assert tree_digest(releases) == before


@pytest.mark.parametrize("command, case", [
    ("publish", "kolom_pribadi"), ("publish", "kolom_pribadi_lain"), ("publish", "data_pribadi_dalam_sel"),
    ("publish", "injeksi_rumus"), ("publish", "jumlah_tidak_cocok"), ("publish", "xlsx_lembar_pribadi_dipilih"),
    ("publish", "xlsx_nik_sebagai_angka"), ("check", "kolom_pribadi"), ("check", "xlsx_nik_sebagai_angka"),
])
def test_cli_prints_every_problem_then_count_and_exits_1(command, case, releases, tmp_path, capsys):
    build_file, sheet, expected = BAD_CASES[case]
    path = build_file(tmp_path)
    before = tree_digest(releases)

    code = main([command, str(path)] + (["--sheet", sheet] if sheet else []))

    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    problem_lines = [line for line in lines if line.startswith(f"{path.name}, baris") or line.startswith(f"{path.name}:")]
    assert code == 1
    assert len(problem_lines) == len(expected)
    assert lines[-1].startswith(f"Ditemukan {len(expected)} masalah")
    assert tree_digest(releases) == before
    for value in PRIVATE_VALUES:
        assert value not in out


def test_private_column_message_says_it_must_never_be_uploaded(releases):
    result = staff.check(FIXTURES / "kolom_pribadi.csv")
    texts = {p.rule for p in result.problems}
    assert texts == {RULES["kolom_pribadi"]}
    assert "DATA PRIBADI" in RULES["kolom_pribadi"] and "tidak boleh diunggah" in RULES["kolom_pribadi"]


def test_problem_names_file_row_column_value_and_rule(releases):
    (found,) = staff.check(FIXTURES / "melebihi_penduduk.csv").problems
    message = found.message()
    assert message.startswith("melebihi_penduduk.csv, baris 2, kolom 'nilai': ")
    assert "'500.000'" in message and "434.896" in message  # as written; SP2020 Kota Cilegon


def test_no_release_yet_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DASHBOARD_RELEASES_DIR", str(tmp_path / "kosong"))
    assert main(["publish", str(FIXTURES / "baik_bersih.csv")]) == 2
    assert "python -m dashboard.data init" in capsys.readouterr().out
    assert not (tmp_path / "kosong").exists()

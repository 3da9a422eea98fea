"""Good staff files publish a new release: values, CURRENT, revision log, merge rules, idempotence."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from staff_corpus import FIXTURES, UEP_2024, tree_digest, xlsx_excel_export, xlsx_private_hidden_sheet

from dashboard.data import release, staff
from dashboard.data.__main__ import main
from dashboard.data.schema import statistics_schema
from dashboard.settings import REPO_ROOT

KEY = ["indicator", "program", "kode_wilayah", "year", "period"]
JSLU_2024 = {"36": 2900, "3601": 420, "3602": 510, "3603": 760, "3604": 480, "3671": 300, "3672": 90,
             "3673": 150, "3674": 190}


def _current() -> release.Release:
    return release.load_newest_good().release


def _rows(stats: pd.DataFrame, indicator: str, program: str, year: int, period: str = "") -> pd.DataFrame:
    return stats[(stats.indicator == indicator) & (stats.program == program) & (stats.year == year)
                 & (stats.period == period)]


def _publish_ok(path, sheet=None) -> tuple[release.Release, release.Release, pd.DataFrame]:
    """Publish a file that must pass; return (old release, new release, its revision rows)."""
    old = _current()
    old_files = tree_digest(old.path)
    result = staff.publish(path, sheet=sheet)
    assert result.problems == []
    assert result.release_id is not None
    assert release.current_id() == result.release_id
    new = _current()
    assert new.release_id == result.release_id != old.release_id
    assert tree_digest(old.path) == old_files  # the old release is immutable
    assert new.roster.equals(old.roster)
    log = release.revisions()
    return old, new, log[log.release == new.release_id]


def test_clean_csv_adds_published_figures_and_logs_every_change(releases):
    old, new, log = _publish_ok(FIXTURES / "baik_bersih.csv")

    jslu = _rows(new.statistics, "penerima", "JSLU", 2024)
    jslu = jslu[jslu.kode_wilayah.str.len() <= 4]
    assert dict(zip(jslu.kode_wilayah, jslu.value, strict=True)) == JSLU_2024
    assert set(jslu.status) == {"resmi"} and jslu.displayed.all()
    assert jslu.note.str.contains("baik_bersih.csv").all()
    budget = _rows(new.statistics, "anggaran", "JSLU", 2024)
    assert budget.value.tolist() == [7_250_000_000.0] and budget.unit.tolist() == ["rupiah"]
    rate = _rows(new.statistics, "persentase_penduduk_miskin", "", 2025)
    rate = rate[rate.note.str.contains("baik_bersih.csv")]  # published 2025 rates of other regions exist too
    assert rate.value.tolist() == [8.9] and rate.unit.tolist() == ["persen"]

    added = new.statistics[~new.statistics.fig_id.isin(old.statistics.fig_id)]
    assert set(log.loc[log.perubahan == "baru", "fig_id"]) == set(added.fig_id)
    assert len(added) == len(JSLU_2024) + 2
    # A release holds published figures only: the upload adds to them and changes none.
    assert set(log.perubahan) == {"baru"}
    assert set(new.statistics["status"]) == {"resmi"}
    statistics_schema().validate(new.statistics, lazy=True)  # the published table is valid as a whole


def test_excel_export_with_title_rows_merged_header_and_hidden_sheet(releases, tmp_path, capsys):
    path = xlsx_excel_export(tmp_path)
    code = main(["publish", str(path)])
    out = capsys.readouterr().out

    assert code == 0
    assert "lembar 'Rekap UEP'" in out and "lembar tersembunyi diabaikan: 'Data Pribadi'" in out
    assert "'Catatan'" in out and "Baris judul kolom: baris 4" in out
    assert "3601010101900001" not in out
    new = _current()
    uep = _rows(new.statistics, "penerima", "UEP", 2024)
    uep = uep[(uep.unit == "KPM") & (uep.kode_wilayah.str.len() <= 4)]
    assert dict(zip(uep.kode_wilayah, uep.value, strict=True)) == {k: float(v) for k, v in UEP_2024.items()}
    assert set(uep.source_date) == {"2025-03-05"}  # date cell, Excel serial and text all read alike
    assert set(uep.status) == {"resmi"}
    assert f"Rilis baru: {new.release_id}" in out


def test_semicolon_windows_1252_with_rupiah_and_rounded_thousands(releases, capsys):
    _, new, log = _publish_ok(FIXTURES / "baik_titik_koma_cp1252.csv")
    stats = new.statistics
    budget = _rows(stats, "anggaran", "BANSOS_LANSIA", 2024)
    assert budget.value.tolist() == [12_500_000_000.0]
    assert budget.quote.iloc[0] == "Anggaran bansos lansia \u201cRp12,5 miliar\u201d"
    per_kpm = _rows(stats, "nilai_bantuan_per_penerima", "UEP", 2024)
    assert per_kpm.value.tolist() == [2_500_000.0] and per_kpm.unit.tolist() == ["rupiah per KPM"]
    poor = _rows(stats, "penduduk_miskin", "", 2025, "Maret")
    poor = poor[poor.fig_id.isin(log.fig_id)]  # the published March 2025 figure (772.780) stays beside it
    assert poor.value.tolist() == [780_550.0] and poor.precision.tolist() == [10.0]
    assert poor.unit.tolist() == ["jiwa"] and poor.unit_asli.tolist() == ["ribu jiwa"]
    assert "Caf\u00e9" in poor.note.iloc[0]
    assert len(log) == 3 and set(log.perubahan) == {"baru"}


@pytest.mark.parametrize("name, year, expected", [
    ("baik_tab_utf8_bom.tsv", 2024, {("kegiatan", "UPSK"): 48.0}),
    # "6,200" is ambiguous alone; the other cell ("15,500,000,000.00") makes the file English.
    ("baik_angka_inggris.csv", 2025, {("anggaran", "UEP"): 15_500_000_000.0, ("penerima", "UEP"): 6200.0}),
])
def test_other_dialects(name, year, expected, releases):
    _, new, _ = _publish_ok(FIXTURES / name)
    for (indicator, program), value in expected.items():
        rows = _rows(new.statistics, indicator, program, year)
        rows = rows[(rows.kode_wilayah == "36") & rows.source_title.str.contains("berkas uji")]
        assert rows.value.tolist() == [value] and rows.status.tolist() == ["resmi"]


def test_same_source_correction_changes_the_figure_in_place(releases):
    _, first, _ = _publish_ok(FIXTURES / "baik_bersih.csv")
    _, second, log = _publish_ok(FIXTURES / "baik_bersih_koreksi.csv")

    assert len(second.statistics) == len(first.statistics)
    changed = log[log.perubahan == "diubah"]
    assert len(log) == len(changed) == 2
    assert set(zip(changed.kode_wilayah, changed.nilai_lama, changed.nilai_baru, strict=True)) == {
        ("3603", "760", "800"), ("36", "2900", "2940")}
    assert set(changed.fig_id) <= set(first.statistics.fig_id)


def test_same_file_twice_publishes_nothing_the_second_time(releases, capsys):
    _publish_ok(FIXTURES / "baik_bersih.csv")
    before = tree_digest(releases)
    capsys.readouterr()
    assert main(["publish", str(FIXTURES / "baik_bersih.csv")]) == 0
    assert "Tidak ada perubahan" in capsys.readouterr().out
    assert tree_digest(releases) == before


def test_figure_from_another_source_is_kept_beside_never_replaced(releases, capsys):
    assert main(["check", str(FIXTURES / "baik_sumber_lain.csv")]) == 0
    assert "sumber lain untuk fakta yang sama tetap disimpan" in capsys.readouterr().out
    old, new, log = _publish_ok(FIXTURES / "baik_sumber_lain.csv")
    before = _rows(old.statistics, "penduduk_miskin", "", 2023)
    before = before[before.kode_wilayah == "3601"]
    after = _rows(new.statistics, "penduduk_miskin", "", 2023)
    after = after[after.kode_wilayah == "3601"]

    assert len(before) == 1 and len(after) == 2
    kept = after[after.fig_id == before.fig_id.iloc[0]]
    assert kept.value.tolist() == before.value.tolist() and kept.status.tolist() == ["resmi"]
    assert after.displayed.sum() == 1
    assert (after.loc[~after.displayed, "conflict_note"] != "").all()
    assert set(log.perubahan) == {"baru"} and len(log) == 1


def test_rounded_province_figure_within_tolerance_is_accepted(releases):
    _, new, _ = _publish_ok(FIXTURES / "baik_pembulatan_bps.csv")
    rows = _rows(new.statistics, "penduduk_miskin", "", 2022)
    staff_rows = rows[rows.source_title.str.contains("berkas uji")]
    province = staff_rows[staff_rows.kode_wilayah == "36"]
    kab = staff_rows[staff_rows.kode_wilayah.str.len() == 4]
    assert province.value.tolist() == [814_020.0] and province.precision.tolist() == [10.0]
    assert kab.value.sum() - province.value.iloc[0] == 10  # BPS rounding, inside the tolerance


def test_check_writes_nothing_and_previews(releases, capsys):
    before = tree_digest(releases)
    assert main(["check", str(FIXTURES / "baik_bersih.csv")]) == 0
    out = capsys.readouterr().out
    assert "Bila diterbitkan: 11 angka baru" in out and "Jalankan 'publish'" in out
    assert tree_digest(releases) == before


def test_hidden_sheet_is_skipped_unless_named(releases, tmp_path):
    result = staff.check(xlsx_private_hidden_sheet(tmp_path))
    assert result.problems == [] and result.table.sheet == "Data"
    assert result.table.hidden_sheets == ["Data Pribadi"]


def test_command_line_exit_codes(releases):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "dashboard.data", *args], cwd=REPO_ROOT,
                              capture_output=True, text=True, timeout=120)

    bad = run("check", str(FIXTURES / "nilai_negatif.csv"))
    assert bad.returncode == 1
    assert "nilai_negatif.csv, baris 2, kolom 'nilai': nilai tidak boleh negatif" in bad.stdout

"""Reading staff files: header matching, private columns, CSV dialects, row numbers; rule coverage."""

from __future__ import annotations

import pytest
from staff_corpus import BAD_CASES, FIXTURES, HEADER, SOURCE

from dashboard.data import release, staff
from dashboard.data.readers import RawTable, read_table
from dashboard.data.sourced import mark_displayed
from dashboard.data.staff_columns import classify, find_header, header_score
from dashboard.data.staff_merge import changes
from dashboard.data.staff_messages import RULES, rule_id


@pytest.mark.parametrize("header, expected", [
    ("kode_wilayah", ("known", "kode_wilayah")), ("Kode Wilayah", ("known", "kode_wilayah")),
    ("KODE_WILAYAH", ("known", "kode_wilayah")), ("KodeWilayah", ("known", "kode_wilayah")),
    ("Kode Wilayah (BPS)", ("known", "kode_wilayah")), ("kode-wilayah", ("known", "kode_wilayah")),
    (" Tanggal  Sumber ", ("known", "tanggal_sumber")), ("Tgl. Sumber", ("known", "tanggal_sumber")),
    ("Keterangan", ("known", "catatan")), ("No.", ("ignored", "no")), (None, ("blank", None)),
    ("NIK", ("private", "nik")), ("No KK", ("private", "no_kk")), ("Nomor HP/WA", ("private", "nomor_hp_wa")),
    ("Alamat", ("private", "alamat")), ("Tempat, Tanggal Lahir", ("private", "tempat_tanggal_lahir")),
    ("E-mail", ("private", "e_mail")), ("Nomor Rekening Bank", ("private", "nomor_rekening_bank")),
    ("Nama", ("private", "nama")), ("telepon", ("private", "telepon")), ("Agama", ("private", "agama")),
    ("Nama Program", ("unknown", "nama_program")), ("Jumlah", ("unknown", "jumlah")),
])
def test_header_names(header, expected):
    assert classify(header) == expected


def _table(rows: list[list]) -> RawTable:
    return RawTable("uji.xlsx", "xlsx", [(i + 1, r) for i, r in enumerate(rows)])


def test_header_merged_over_two_rows_with_title_rows_above():
    table = _table([["REKAP 2024"], [], ["Indikator", "Program", "Kode Wilayah", "Tahun", "Nilai", "Satuan",
                                          "Sumber data", None], [None] * 6 + ["Sumber", "Tanggal Sumber"],
                    ["penerima", "UEP", 3601, 2024, 1, "KPM", "x", "5 Maret 2025"]])
    header = find_header(table)
    assert header.row == 4 and header.data_from == 4
    assert list(header.columns.values()) == HEADER[:6] + ["sumber", "tanggal_sumber"]
    assert header.problems == []


def test_header_cell_merged_down_is_read_from_the_upper_row():
    table = _table([["Indikator", "Program", "Kode Wilayah", "Tahun", "Nilai", "Satuan", "Sumber", "Tanggal"],
                    [None, None, None, None, None, None, None, "Tanggal Sumber"]])
    assert find_header(table).columns[0] == "indikator"


def test_no_header_in_free_text():
    assert find_header(_table([["Laporan"], ["angka", 5]])) is None
    assert header_score(["indikator", "nilai", "lain"]) == 2


def test_utf16_tab_export_of_excel_unicode_text(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes(("\t".join(HEADER) + "\r\npenerima\tUEP\t3601\t2024\t400\tKPM\t" + "\t".join(SOURCE) + "\r\n")
                     .encode("utf-16"))
    table = read_table(path, score=header_score)
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert table.rows[1][1][:3] == ["penerima", "UEP", "3601"]


def test_row_numbers_count_records_as_the_spreadsheet_shows_them(tmp_path, releases):
    """A quoted line break keeps a record on one spreadsheet row; title rows and blanks count."""
    path = tmp_path / "baris.csv"
    path.write_text("Judul\n\n" + ",".join(HEADER) + ",kutipan\n"
                    + "penerima,UEP,3601,2024,400,KPM," + ",".join(SOURCE) + ',"baris satu\nbaris dua"\n'
                    + "\n" + "penerima,UEP,3602,2024,-5,KPM," + ",".join(SOURCE) + ",\n")
    (found,) = staff.check(path).problems
    assert (rule_id(found), found.row, found.column) == ("nilai_negatif", 6, "nilai")


def test_every_named_rule_is_exercised_by_the_corpus():
    exercised = {rule for _, _, expected in BAD_CASES.values() for rule, _, _ in expected}
    assert set(RULES) - exercised == {"skema"}  # "skema" is the internal safety net, not a staff error


def test_summary_diff_equals_the_release_log_diff(releases):
    base = release.load_newest_good().release.statistics
    result = staff.check(FIXTURES / "baik_bersih.csv", base=base)
    merged = staff.merge(base, result.rows).table
    fast, logged = changes(base, merged), release.diff_statistics(base, merged)

    def canon(frame):
        return sorted(map(tuple, frame[sorted(logged.columns)].astype(str).values.tolist()))

    assert canon(fast) == canon(logged)


def test_displayed_choice_on_touched_groups_equals_the_whole_table(releases):
    base = release.load_newest_good().release.statistics
    result = staff.check(FIXTURES / "baik_pembulatan_bps.csv", base=base)
    merged = staff.merge(base, result.rows).table
    whole = mark_displayed(merged)
    assert merged.displayed.equals(whole.displayed)
    assert merged.conflict_note.equals(whole.conflict_note)

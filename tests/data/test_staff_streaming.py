"""``check`` reads a file a chunk of rows at a time (memory: issue 14, item 6). What only the whole
file tells must still be found far below the first rows: a column without a header, a merged range
(listed at the end of an XLSX sheet), damage, a Windows-1252 byte; and the problems must be exactly
those of reading the whole file first (``keep_cells=True``)."""

from __future__ import annotations

import csv

import openpyxl
import pytest

from bench.staff_check import HEADER, valid_rows, write_csv
from dashboard.data import staff
from dashboard.data.staff_messages import rule_id

DEEP = 90  # spreadsheet row far below the rows read first (the header search reads 32)


def _found(result) -> set[tuple]:
    return {(rule_id(p), p.row, p.column) for p in result.problems}


def _same_as_whole(path, sheet=None):
    streamed, whole = staff.check(path, sheet), staff.check(path, sheet, keep_cells=True)
    assert [p.message() for p in streamed.problems] == [p.message() for p in whole.problems]
    assert len(whole.table.rows) > DEEP > len(streamed.table.rows)
    return streamed


def _csv(path, rows, extra=None):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for number, row in enumerate(rows, start=2):
            writer.writerow(row + (extra if number == DEEP and extra else []))
    return path


def test_data_under_no_header_far_down(releases, tmp_path):
    path = _csv(tmp_path / "tanpa_judul.csv", valid_rows(150), extra=["isi tanpa judul"])
    assert _found(_same_as_whole(path)) == {("kolom_tanpa_judul", 1, "kolom O")}


def test_merged_cells_far_down_are_reported_once(releases, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in valid_rows(150):
        ws.append([int(v) if i == 3 else v for i, v in enumerate(row)])
    ws.merge_cells(f"D{DEEP}:D{DEEP + 1}")  # kode_wilayah; the lower cell is emptied
    path = tmp_path / "gabungan.xlsx"
    wb.save(path)
    assert _found(_same_as_whole(path)) == {("sel_gabungan", DEEP, "kode_wilayah")}


def test_damage_far_down_refuses_the_whole_file(releases, tmp_path):
    path = write_csv(tmp_path / "rusak.csv", valid_rows(150))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[DEEP - 1] = lines[DEEP - 1].rstrip("\r\n") + ',"' + "x" * 200_000 + '"\r\n'
    path.write_text("".join(lines), encoding="utf-8")
    result = staff.check(path)
    assert _found(result) == {("csv_rusak", None, None)} and result.rows is None


def test_too_many_rows_without_header_says_too_many(releases, tmp_path):
    path = tmp_path / "tanpa_judul_panjang.csv"
    path.write_text("x\n" * 100_001, encoding="utf-8")
    assert _found(staff.check(path)) == {("terlalu_banyak_baris", None, None)}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_clean_file_checks_the_same_streamed_or_whole(kind, releases, tmp_path):
    rows = valid_rows(300)
    rows[DEEP - 2][HEADER.index("tahun")] = "dua ribu"
    if kind == "csv":
        path = write_csv(tmp_path / "besar.csv", rows)
    else:
        from bench.staff_check import write_xlsx

        path = write_xlsx(tmp_path / "besar.xlsx", rows)
    assert _found(_same_as_whole(path)) == {("tahun_tidak_terbaca", DEEP, "tahun")}


def test_windows_1252_byte_after_the_first_megabyte(releases, tmp_path):
    rows = valid_rows(8000)
    rows[-1][HEADER.index("catatan")] = "Catatan café"
    path = tmp_path / "ansi.csv"
    with open(path, "w", newline="", encoding="cp1252") as fh:
        csv.writer(fh).writerows([HEADER, *rows])
    assert path.stat().st_size > 1 << 20
    result = staff.check(path)
    assert result.problems == [] and result.table.encoding == "cp1252"
    assert result.rows.note.iloc[-1].startswith("Catatan café ")

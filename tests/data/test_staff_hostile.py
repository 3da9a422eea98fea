"""The hostile classes found by an independent checker (issue 14, item 5): private data written with
separators, formulas behind invisible characters, DTDs in any encoding, Excel percentages, control
characters in file names and cells, and their neighbours (Unicode digits, merged cells, ...)."""

from __future__ import annotations

import re
import unicodedata
import zipfile

import pytest
from hostile_corpus import (
    CONTROL_TEXTS,
    FORMULAS,
    GOOD,
    HEADER,
    HIDDEN_LEADS,
    INNOCENT_TEXTS,
    PRIVATE_TEXTS,
    XLSX_GOOD,
    csv_with,
    reencode,
    rewrite_parts,
    row_with,
    write_csv,
    xlsx_row_with,
    xlsx_rows,
)
from staff_corpus import tree_digest

from dashboard.data import release, staff
from dashboard.data.__main__ import main
from dashboard.data.staff_messages import rule_id


def found(result) -> set[tuple]:
    return {(rule_id(p), p.row, p.column) for p in result.problems}


def _digits(text: str) -> str:
    return "".join(str(unicodedata.digit(c)) for c in text if unicodedata.category(c) == "Nd")


@pytest.mark.parametrize("column", ["catatan", "kutipan", "sumber", "satuan"])
@pytest.mark.parametrize("text", PRIVATE_TEXTS)
def test_private_data_with_separators_is_refused_and_never_echoed(text, column, releases, tmp_path, capsys):
    path = csv_with(tmp_path, column, text if column != "satuan" else f"KPM {text}")
    before = tree_digest(releases)

    code = main(["publish", str(path)])

    out = capsys.readouterr().out
    assert code == 1
    assert f"uji.csv, baris 2, kolom '{column}': sel tampak berisi DATA PRIBADI" in out
    assert text not in out
    digits = _digits(text)
    if digits:
        assert digits[-8:] not in re.sub(r"\D", "", out.replace("Ditemukan", ""))
    assert tree_digest(releases) == before


def test_private_data_message_says_which_kind(releases, tmp_path):
    rows = [row_with("catatan", "3601 2345 6789 0123"),
            row_with("kode_wilayah", "3602", row_with("catatan", "+62 812 3456 7890"))]
    problems = staff.check(write_csv(tmp_path / "dua.csv", rows)).problems
    assert [p.value for p in problems] == [None, None]
    assert "NIK" in problems[0].rule and "telepon" in problems[1].rule


@pytest.mark.parametrize("text", INNOCENT_TEXTS)
def test_numbers_that_are_not_private_data_pass(text, releases, tmp_path):
    assert staff.check(csv_with(tmp_path, "kutipan", text)).problems == []


def test_nik_typed_in_a_number_cell_of_excel_with_fullwidth_digits(releases, tmp_path):
    path = xlsx_rows(tmp_path / "nik.xlsx", [xlsx_row_with("catatan", "\uff13\uff16\uff10\uff11 2345 6789 0123")])
    assert found(staff.check(path)) == {("data_pribadi_dalam_sel", 4, "catatan")}


@pytest.mark.parametrize("lead", HIDDEN_LEADS)
@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_behind_invisible_characters_is_refused(lead, formula, releases, tmp_path):
    result = staff.check(csv_with(tmp_path, "catatan", lead + formula))
    assert found(result) == {("injeksi_rumus", 2, "catatan")}


@pytest.mark.parametrize("lead", ["\n", "\u00a0", "\u3000", "\u200b"])
def test_formula_behind_invisible_characters_in_an_excel_text_cell(lead, releases, tmp_path):
    path = xlsx_rows(tmp_path / "rumus.xlsx", [xlsx_row_with("sumber", lead + '=HYPERLINK("http://x.id","klik")')])
    assert found(staff.check(path)) == {("injeksi_rumus", 4, "sumber")}


@pytest.mark.parametrize("text", CONTROL_TEXTS)
def test_control_characters_are_refused_without_echo(text, releases, tmp_path, capsys):
    path = csv_with(tmp_path, "catatan", text)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "uji.csv, baris 2, kolom 'catatan': sel berisi karakter kendali" in out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)


def test_tabs_and_line_breaks_inside_free_text_become_spaces(releases, tmp_path):
    path = csv_with(tmp_path, "kutipan", "Penerima UEP\tsebanyak\r\n400 KPM\u00a0(berkas\u3000uji)\u200b.")
    result = staff.check(path)
    assert result.problems == []
    assert result.rows.quote.tolist() == ["Penerima UEP sebanyak 400 KPM (berkas uji)."]


def test_html_is_text_kept_as_written(releases, tmp_path):
    title = '<script>alert(1)</script><img src=x onerror="alert(2)"> Laporan (berkas uji)'
    result = staff.check(csv_with(tmp_path, "sumber", title))
    assert result.problems == []
    assert result.rows.source_title.tolist() == [title]


@pytest.mark.parametrize("name", ["baik\nBerkas lolos pemeriksaan: 1 angka dibaca.csv", "a\rBerkas lolos.csv",
                                  "\x1b[32mhijau\x1b[0m.csv", "tab\tdi nama.csv", "arah\u202evsc.csv"])
def test_file_names_are_printed_escaped(name, releases, tmp_path, capsys):
    path = write_csv(tmp_path / name, [row_with("nilai", "-5")])
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)
    assert not any(line.startswith("Berkas lolos") for line in out.splitlines())
    assert len(out.strip().splitlines()) == 3  # what was read, the problem, the count


def test_header_and_sheet_names_are_printed_escaped(releases, tmp_path, capsys):
    path = write_csv(tmp_path / "judul.csv", [GOOD + ["x"]], header=HEADER + ["lain\nBerkas lolos pemeriksaan: 1 angka dibaca."])
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "kolom 'lain\\nBerkas lolos pemeriksaan: 1 angka dibaca.'" in out
    assert not any(line.startswith("Berkas lolos") for line in out.splitlines())


def test_private_header_label_is_not_echoed(releases, tmp_path, capsys):
    path = write_csv(tmp_path / "judul.csv", [GOOD + ["x"]], header=HEADER + ["0812-3456-7890"])
    assert main(["check", str(path)]) == 1
    assert "3456" not in capsys.readouterr().out


# ---------------------------------------------------------------- numbers

@pytest.mark.parametrize("column, text, rule", [
    ("nilai", "\uff14\uff10\uff10", "angka_tidak_terbaca"), ("nilai", "\u0664\u0660\u0660", "angka_tidak_terbaca"),
    ("kode_wilayah", "\uff13\uff16\uff10\uff11", "kode_wilayah_format"), ("tahun", "\u0662\u0660\u0662\u0664", "tahun_tidak_terbaca"),
    ("tanggal_sumber", "\uff15 Maret 2025", "tanggal_tidak_terbaca"), ("nilai", "Infinity", "angka_tidak_terbaca"),
    ("nilai", "-inf", "angka_tidak_terbaca"), ("nilai", "1e400", "angka_tidak_terbaca"),
    ("nilai", "99999999999999999999", "angka_terlalu_besar"), ("tahun", "nan", "tahun_tidak_terbaca"),
])
def test_unicode_digits_and_special_numbers_are_refused(column, text, rule, releases, tmp_path):
    assert found(staff.check(csv_with(tmp_path, column, text))) == {(rule, 2, column)}


def test_excel_percentage_is_read_as_displayed(releases, tmp_path):
    row = ["persentase_penduduk_miskin", None, 3601, 2024, 0.0365, "persen", *XLSX_GOOD[6:]]
    path = xlsx_rows(tmp_path / "persen.xlsx", [row], formats={"E4": "0.00%"})
    result = staff.check(path)
    assert result.problems == []
    assert result.rows.value.tolist() == [pytest.approx(3.65)]
    assert result.rows.unit.tolist() == ["persen"]


def test_excel_percentage_written_as_text_or_number_is_the_same(releases, tmp_path):
    rows = [["persentase_penduduk_miskin", None, 3601, 2024, 0.089, "persen", *XLSX_GOOD[6:]],
            ["persentase_penduduk_miskin", None, 3602, 2024, "8,9%", "persen", *XLSX_GOOD[6:]],
            ["persentase_penduduk_miskin", None, 3603, 2024, 8.9, "persen", *XLSX_GOOD[6:]]]
    result = staff.check(xlsx_rows(tmp_path / "persen.xlsx", rows, formats={"E4": "0.0%"}))
    assert result.problems == []
    assert result.rows.value.tolist() == [pytest.approx(8.9)] * 3


def test_date_formatted_number_in_value_column_is_refused(releases, tmp_path):
    path = xlsx_rows(tmp_path / "tanggal.xlsx", [xlsx_row_with("nilai", 45356)], formats={"E4": "d-mmm"})
    assert found(staff.check(path)) == {("angka_tidak_terbaca", 4, "nilai")}


def test_formula_with_a_cached_value_is_refused_whatever_the_cache(releases, tmp_path):
    path = xlsx_rows(tmp_path / "rumus.xlsx", [xlsx_row_with("nilai", 400)])

    def cached_formula(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        return re.sub(rb'<c r="E4"([^>]*)><v>400</v></c>', rb'<c r="E4"\1><f>SUM(100,200)</f><v>400</v></c>', data)

    assert found(staff.check(rewrite_parts(path, cached_formula))) == {("rumus_excel", 4, "nilai")}


# ---------------------------------------------------------------- XML declarations in every part

PARTS = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
         "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "docProps/core.xml", "xl/theme/theme1.xml"]
SST = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
       b"<si><t>x</t></si></sst>")
DOCTYPE = '<!DOCTYPE x [<!ENTITY e "=HYPERLINK(\'http://contoh.id\')">]>\n'


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("encoding, bom", [("utf-8", False), ("utf-8", True), ("utf-16-le", True),
                                           ("utf-16-be", True), ("utf-16-le", False), ("utf-16-be", False)])
def test_dtd_in_any_part_and_any_encoding_is_refused(part, encoding, bom, releases, tmp_path):
    path = xlsx_rows(tmp_path / "dtd.xlsx", [xlsx_row_with("catatan", "teks biasa")])

    def patch(name: str, data: bytes) -> bytes:
        return reencode(data, encoding, bom, DOCTYPE) if name == part else data

    rewrite_parts(path, patch)
    if part == "xl/sharedStrings.xml":  # openpyxl writes inline strings; Excel writes this part
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr(part, reencode(SST, encoding, bom, DOCTYPE))
    result = staff.check(path)
    assert found(result) == {("xml_berbahaya", None, None)}
    assert part in result.problems[0].rule


@pytest.mark.parametrize("encoding, bom", [("utf-8", True), ("utf-16-le", True), ("utf-16-be", True)])
def test_xml_parts_in_other_encodings_without_dtd_are_read(encoding, bom, releases, tmp_path):
    path = xlsx_rows(tmp_path / "utf16.xlsx", [xlsx_row_with("catatan", "Catatan uji \u00e9")])
    rewrite_parts(path, lambda name, data: reencode(data, encoding, bom) if name.endswith(".xml") else data)
    result = staff.check(path)
    assert result.problems == []
    assert result.rows.value.tolist() == [400.0]
    assert result.rows.note.iloc[0].startswith("Catatan uji \u00e9")


# ---------------------------------------------------------------- what reaches the open data

def test_nothing_hostile_reaches_the_open_data(releases, tmp_path, monkeypatch):
    """A file mixing every class is refused whole: the open data stays as it was."""
    rows = [row_with("catatan", "\u200b=HYPERLINK(\"http://x\")"), row_with("kutipan", "0812-3456-7890"),
            row_with("sumber", "\x1b[31mx"), GOOD]
    for row, code in zip(rows, ["3601", "3602", "3603", "3604"], strict=True):
        row[2] = code
    before = release.current_id()
    result = staff.publish(write_csv(tmp_path / "campur.csv", rows))
    assert len(result.problems) == 3 and result.release_id is None
    assert release.current_id() == before


def _sheet_patch(path, transform):
    return rewrite_parts(path, lambda name, data: transform(data) if name == "xl/worksheets/sheet1.xml" else data)


def test_sheet_with_a_namespace_prefix_reads_the_same(releases, tmp_path):
    path = xlsx_rows(tmp_path / "prefiks.xlsx", [xlsx_row_with("catatan", "Catatan uji")])

    def prefixed(data: bytes) -> bytes:
        text = data.decode()
        text = re.sub(r"<(/?)(?!\?)([A-Za-z]+)", r"<\1x:\2", text).replace(
            'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
            'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
        return text.encode()

    result = staff.check(_sheet_patch(path, prefixed))
    assert result.problems == [] and result.rows.note.iloc[0].startswith("Catatan uji")


def test_row_end_inside_cdata_is_never_misread(releases, tmp_path):
    """A block reader cutting at '</row>' must refuse, or read exactly what Excel reads: never other cells."""
    path = xlsx_rows(tmp_path / "cdata.xlsx", [xlsx_row_with("catatan", "PENANDA")])
    payload = '<![CDATA[</row><row r="9"><c r="E9"><f>SUM(1,2)</f></c></row>]]>'
    result = staff.check(_sheet_patch(path, lambda data: data.replace(b"PENANDA", payload.encode())))
    assert found(result) in ({("xlsx_rusak", None, None)}, set())
    if not result.problems:
        assert result.rows.note.iloc[0].startswith('</row><row r="9">')

"""Hostile staff files of the classes an independent checker found (issue 14, item 5), built per test.

Each builder writes a small file into a temporary folder: one good row (row 2 of a CSV, row 4 of an
XLSX with title rows) with a single hostile cell. The expected problems are ``(rule id, row, column)``
as in :mod:`staff_corpus`. Every text here is made up; the NIKs and phone numbers are fake.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import openpyxl

HEADER = ["indikator", "program", "kode_wilayah", "tahun", "nilai", "satuan", "sumber", "url_sumber",
          "tanggal_sumber", "kutipan", "catatan"]
GOOD = ["penerima", "UEP", "3601", "2024", "400", "KPM", "Laporan uji Dinsos Banten (berkas uji)",
        "https://dinsos.bantenprov.go.id/uji", "5 Maret 2025", "", ""]
COLUMN = {name: i for i, name in enumerate(HEADER)}

#: Private values written with separators, Unicode digits and invisible characters (fake numbers).
PRIVATE_TEXTS = [
    "3601 2345 6789 0123", "3601-2345-6789-0123", "3601.2345.6789.0123", "3601/2345/6789/0123",
    "360123 456789 0123", "36.01.23.456789.0123", "NIK: 3601\u00a02345\u00a06789\u00a00123",
    "3601\u20132345\u20136789\u20130123", "3601\u30002345\u30006789\u30000123", "3601\u200b2345\u200b6789\u200b0123",
    "\uff13\uff16\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10\uff11\uff12\uff13",
    "\u0663\u0666\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662\u0663",
    "0812-3456-7890", "+62 812 3456 7890", "+62-812-3456-7890", "(0812) 3456 7890", "0812.3456.7890",
    "0812 3456 789", "+62 (812) 3456-7890", "62 812 3456 7890", "+62\u2011812\u20113456\u20117890",
    "\uff10\uff18\uff11\uff12\u2212\uff13\uff14\uff15\uff16\u2212\uff17\uff18\uff19\uff10", "0812/3456/7890",
    "hubungi 0812 3456 7890 atau 0813-1111-2222", "WA: https://wa.me/6281234567890",
    "+1 202 555 0123", "budi\uff20contoh.id",
]
#: Texts with numbers that are not private data: they must pass.
INNOCENT_TEXTS = [
    "Anggaran Rp 628.123.456.789 untuk 2024", "Periode 2020-2021 sebanyak 1.234.567 jiwa",
    "Berlaku 08-12-2024 sampai 08-12-2025", "Kode wilayah 3601, 3602, 3603, 3604",
    "Layanan pengaduan kantor (0254) 267027", "naik +12.345.678 jiwa dibanding 2019 2020 2021 2022",
    "Tanggal 31.12.2023, 31.12.2024", "SK Gubernur Nomor 460/Kep.123-Huk/2024",
]
#: Invisible or white-space characters a formula can hide behind.
HIDDEN_LEADS = ["\n", "\r\n", "\u00a0", "\u3000", "\u200b", "\ufeff", "\u2060", "\u00ad", "\u180e",
                "\u2028", "\u2029", "\u202f", "\u2007", " \u200b\u3000", "\u200c\u200d", "\u034f"]
FORMULAS = ['=HYPERLINK("http://contoh.id","klik")', "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3+cmd|' /C calc'!A0"]
#: Control characters refused in every text cell (tab, line break and CR are white space instead).
CONTROL_TEXTS = ["\x1b[31mmerah\x1b[0m", "teks\x01soh", "hapus\x7f", "c1\x85baris", "c1\x9bkode",
                 "arah \u202ekebalik\u202c", "isolasi \u2066x\u2069", "\x0bvt", "form\x0cfeed", "bel\x07"]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def row_with(column: str, text: str, base: list[str] = GOOD) -> list[str]:
    row = list(base)
    row[COLUMN[column]] = text
    return row


def csv_with(d: Path, column: str, text: str, name: str = "uji.csv") -> Path:
    return write_csv(d / name, [row_with(column, text)])


def xlsx_rows(path: Path, rows: list[list[object]], header: list[str] = HEADER, formats: dict | None = None,
              merges: list[str] = ()) -> Path:
    """Title row, blank row, header on row 3, data from row 4; ``formats``: {cell: number format}."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["REKAP UJI"])
    ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    for ref, number_format in (formats or {}).items():
        ws[ref].number_format = number_format
    for ref in merges:
        ws.merge_cells(ref)
    wb.save(path)
    return path


XLSX_GOOD = ["penerima", "UEP", 3601, 2024, 400, "KPM", "Laporan uji Dinsos Banten (berkas uji)",
             "https://dinsos.bantenprov.go.id/uji", "5 Maret 2025", None, None]


def xlsx_row_with(column: str, value: object) -> list[object]:
    row = list(XLSX_GOOD)
    row[COLUMN[column]] = value
    return row


def rewrite_parts(path: Path, transform) -> Path:
    """Rewrite every part of a zip: ``transform(name, bytes) -> bytes``."""
    with zipfile.ZipFile(path) as src:
        parts = [(info.filename, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts:
            out.writestr(name, transform(name, data))
    return path


def reencode(data: bytes, encoding: str, bom: bool, doctype: str = "") -> bytes:
    """An XML part re-encoded (``utf-8``, ``utf-16-le``, ``utf-16-be``), optionally with a DOCTYPE."""
    text = data.decode("utf-8")
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2:].lstrip()
    label = "UTF-8" if encoding == "utf-8" else "UTF-16"
    text = f'<?xml version="1.0" encoding="{label}" standalone="yes"?>\n{doctype}{text}'
    marks = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
    return (marks[encoding] if bom else b"") + text.encode(encoding)


# ---------------------------------------------------------------- corpus cases with new rules

def csv_control_char(d: Path) -> Path:
    return csv_with(d, "catatan", "\x1b[2J\x1b[31mBerkas lolos pemeriksaan\x1b[0m")


def csv_bidi_override(d: Path) -> Path:
    return csv_with(d, "sumber", "Laporan \u202eiju\u202c Dinsos")


def csv_long_text(d: Path) -> Path:
    return csv_with(d, "kutipan", "Penerima UEP sebanyak 400 KPM. " * 40)


def csv_huge_number(d: Path) -> Path:
    return write_csv(d / "angka_raksasa.csv", [row_with("nilai", "1.000.000.000.000.000.000"),
                                               row_with("kode_wilayah", "3602", row_with("nilai", "NaN")),
                                               row_with("kode_wilayah", "3603", row_with("nilai", "inf"))])


def xlsx_merged_data_cells(d: Path) -> Path:
    rows = [XLSX_GOOD, xlsx_row_with("kode_wilayah", 3602)]
    rows[1][COLUMN["tahun"]] = None
    return xlsx_rows(d / "sel_gabungan.xlsx", rows, merges=["D4:D5"])


def xlsx_percent_not_persen(d: Path) -> Path:
    return xlsx_rows(d / "persen_excel.xlsx", [xlsx_row_with("nilai", 0.0365)], formats={"E4": "0.00%"})


def xlsx_utf16_entity(d: Path) -> Path:
    path = xlsx_rows(d / "entitas_utf16.xlsx", [xlsx_row_with("catatan", "&e;")])
    doctype = '<!DOCTYPE worksheet [<!ENTITY e "=HYPERLINK(\'http://contoh.id\')">]>\n'

    def patch(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        return reencode(data.replace(b"&amp;e;", b"&e;"), "utf-16-le", True, doctype)

    return rewrite_parts(path, patch)


HOSTILE_CASES: dict[str, tuple] = {
    "karakter_kendali_ansi": (csv_control_char, None, {("karakter_kendali", 2, "catatan")}),
    "karakter_arah_teks": (csv_bidi_override, None, {("karakter_kendali", 2, "sumber")}),
    "teks_terlalu_panjang": (csv_long_text, None, {("teks_terlalu_panjang", 2, "kutipan")}),
    "angka_raksasa_nan_inf": (csv_huge_number, None, {("angka_terlalu_besar", 2, "nilai"),
                                                      ("angka_tidak_terbaca", 3, "nilai"),
                                                      ("angka_tidak_terbaca", 4, "nilai")}),
    "xlsx_sel_gabungan": (xlsx_merged_data_cells, None, {("sel_gabungan", 4, "tahun")}),
    "xlsx_persen_excel": (xlsx_percent_not_persen, None, {("tanda_persen", 4, "nilai"),
                                                          ("bukan_bilangan_bulat", 4, "nilai")}),
    "xlsx_entitas_utf16": (xlsx_utf16_entity, None, {("xml_berbahaya", None, None)}),
}

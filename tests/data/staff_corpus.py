"""The corpus of staff files: CSV files under tests/fixtures/staff/, XLSX files built here with openpyxl.

Every bad case names the rules it must break, with the row (as the spreadsheet shows it) and the
column: ``(rule id, row, column)``. Binary XLSX cases are built per test (they are awkward to review
as committed binaries, and the hostile ones are byte patches of a valid workbook).
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import PatternFill

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "staff"
SOURCE = ["Laporan uji Dinsos Banten (berkas uji)", "https://dinsos.bantenprov.go.id/uji", "5 Maret 2025"]
HEADER = ["indikator", "program", "kode_wilayah", "tahun", "nilai", "satuan", "sumber", "url_sumber",
          "tanggal_sumber"]
#: UEP 2024 of the good Excel export (made-up test numbers; the kab/kota add up to the province).
UEP_2024 = {"36": 3600, "3601": 400, "3602": 500, "3603": 1500, "3604": 300, "3671": 400, "3672": 100,
            "3673": 200, "3674": 200}


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root`` (relative path -> digest)."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- XLSX builders

def _titled(ws, header: list, rows: list[list]) -> None:
    """Title row, blank row, header on row 3, data from row 4 (as staff exports look)."""
    ws.append(["REKAP PENERIMA UEP 2024"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)


def _simple(path: Path, rows: list[list], header: list = HEADER) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    _titled(ws, header, rows)
    wb.save(path)
    return path


def _rewrite(path: Path, transform) -> Path:
    """Rewrite the parts of a zip: ``transform(name, bytes) -> bytes | None`` (None drops the part)."""
    with zipfile.ZipFile(path) as src:
        parts = [(info.filename, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts:
            new = transform(name, data)
            if new is not None:
                out.writestr(name, new)
    return path


def xlsx_formula(d: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    _titled(ws, HEADER, [["penerima", "UEP", 3601, 2024, 400, "KPM", *SOURCE],
                         ["penerima", "UEP", 3602, 2024, "=SUM(200,300)", "KPM", *SOURCE]])
    wb.save(d / "rumus.xlsx")
    return d / "rumus.xlsx"


def xlsx_error_cell(d: Path) -> Path:
    return _simple(d / "galat.xlsx", [["penerima", "UEP", 3601, 2024, "#DIV/0!", "KPM", *SOURCE]])


def xlsx_text_injection(d: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    _titled(ws, HEADER + ["catatan"], [["penerima", "UEP", 3601, 2024, 400, "KPM", *SOURCE, "x"]])
    cell = ws.cell(row=4, column=len(HEADER) + 1)
    cell.value = "=cmd|' /C calc'!A0"
    cell.data_type = "s"  # stored as text, as a CSV import into Excel would store it
    wb.save(d / "injeksi_teks.xlsx")
    return d / "injeksi_teks.xlsx"


def xlsx_nik_as_number(d: Path) -> Path:
    return _simple(d / "nik_angka.xlsx", [["penerima", "UEP", 3601, 2024, 3601010101900001, "KPM", *SOURCE]])


def xlsx_bomb_ratio(d: Path) -> Path:
    path = _simple(d / "bom_rasio.xlsx", [["penerima", "UEP", 3601, 2024, 400, "KPM", *SOURCE]])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/image1.bin", b"\0" * (6 * 1024 * 1024))  # ~1000:1
    return path


def xlsx_bomb_declared(d: Path) -> Path:
    """A workbook whose zip directory declares a 3.5 GB part (the size is all zipfile will inflate)."""
    path = _simple(d / "bom_ukuran.xlsx", [["penerima", "UEP", 3601, 2024, 400, "KPM", *SOURCE]])
    data = bytearray(path.read_bytes())
    entry = data.find(b"PK\x01\x02")
    data[entry + 24:entry + 28] = (3_500_000_000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path


def xlsx_entities(d: Path) -> Path:
    path = _simple(d / "entitas.xlsx", [["penerima", "UEP", 3601, 2024, 400, "KPM", *SOURCE]])

    def add_doctype(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        return b"<!DOCTYPE lol [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>" + data

    return _rewrite(path, add_doctype)


def xlsx_truncated(d: Path) -> Path:
    path = _simple(d / "terpotong.xlsx", [["penerima", "UEP", 3601, 2024, 400, "KPM", *SOURCE]])
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


def xlsx_not_a_workbook(d: Path) -> Path:
    path = d / "dokumen_word.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return path


def xlsx_all_hidden(d: Path) -> Path:
    wb = openpyxl.Workbook()
    _titled(wb.active, HEADER, [["penerima", "UEP", 3601, 2024, 400, "KPM", *SOURCE]])
    wb.create_sheet("Lain").sheet_state = "hidden"
    path = d / "semua_tersembunyi.xlsx"
    wb.save(path)

    def hide_all(name: str, data: bytes) -> bytes:
        if name != "xl/workbook.xml":
            return data
        text = re.sub(r'\sstate="\w+"', "", data.decode())
        return text.replace("<sheet ", '<sheet state="hidden" ').encode()

    return _rewrite(path, hide_all)


def xlsx_private_hidden_sheet(d: Path) -> Path:
    """Clean visible sheet, and a hidden sheet holding a private column (read only with --sheet)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    _titled(ws, HEADER, [["penerima", "UEP", 3601, 2024, 400, "KPM", *SOURCE]])
    hidden = wb.create_sheet("Data Pribadi")
    hidden.sheet_state = "hidden"
    hidden.append(HEADER + ["nik"])
    hidden.append(["penerima", "UEP", 3601, 2024, 1, "KPM", *SOURCE, "3601010101900001"])
    wb.save(d / "lembar_pribadi.xlsx")
    return d / "lembar_pribadi.xlsx"


def xlsx_excel_export(d: Path) -> Path:
    """The good Excel export: notes sheet first, title rows, a header merged over two rows,
    Indonesian number text beside number cells, dates as date cells, serial numbers and text,
    trailing empty formatted cells, and a hidden sheet of private data that must be skipped."""
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Catatan"
    notes.append(["Catatan: angka realisasi UEP 2024, disusun bidang pemberdayaan sosial."])
    ws = wb.create_sheet("Rekap UEP")
    ws.append(["REKAP PENERIMA UEP 2024"])
    ws.merge_cells("A1:L1")
    ws.append([])
    ws.append(["No", "Indikator", "Program", "Kode Wilayah", "Nama Wilayah", "Tahun", "Nilai", "Satuan",
               "Catatan", "Sumber Data", None, None])
    ws.append([None] * 9 + ["Sumber", "URL Sumber", "Tanggal Sumber"])
    for col in "ABCDEFGHI":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("J3:L3")
    names = {"36": "Provinsi Banten", "3601": "Kab. Pandeglang", "3602": "Kabupaten Lebak",
             "3603": "Kab. Tangerang", "3604": "Kab. Serang", "3671": "Kota Tangerang", "3672": "Kota Cilegon",
             "3673": "Kota Serang", "3674": "Kota Tangerang Selatan"}
    dates = [datetime(2025, 3, 5), 45721, "5 Maret 2025"]  # serial 45721 = 5 March 2025
    for n, (code, value) in enumerate(UEP_2024.items()):
        shown = f"{value:,}".replace(",", ".") if n % 2 else value  # text "1.500" beside number cells
        ws.append([n + 1, "penerima", "UEP", int(code), names[code], 2024, shown, "KPM",
                   "Realisasi akhir tahun", "Laporan Realisasi UEP 2024 (berkas uji)",
                   "https://dinsos.bantenprov.go.id/uji/uep-2024", dates[n % 3]])
    ws.cell(row=20, column=15).fill = PatternFill("solid", fgColor="FFFF00")  # trailing empty cell
    private = wb.create_sheet("Data Pribadi")
    private.sheet_state = "hidden"
    private.append(["nik", "nama", "alamat"])
    private.append(["3601010101900001", "Budi", "Kp. Sukamaju"])
    wb.save(d / "ekspor_excel.xlsx")
    return d / "ekspor_excel.xlsx"


def sparse_too_big(d: Path) -> Path:
    path = d / "terlalu_besar.csv"
    with open(path, "wb") as fh:
        fh.write((",".join(HEADER) + "\n").encode())
        fh.truncate(21 * 1024 * 1024)
    return path


def zip_named_csv(d: Path) -> Path:
    path = d / "arsip.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("data.csv", ",".join(HEADER))
    return path


def missing_file(d: Path) -> Path:
    return d / "tidak_ada.csv"


def csv_giant_field(d: Path) -> Path:
    """A quoted field longer than the csv module accepts (an unbalanced quote looks the same)."""
    path = d / "sel_raksasa.csv"
    path.write_text(",".join(HEADER) + '\npenerima,UEP,3601,2024,400,KPM,"' + "x" * 200_000 + '",,5 Maret 2025\n')
    return path


def csv_too_many_rows(d: Path) -> Path:
    path = d / "terlalu_banyak_baris.csv"
    path.write_text(",".join(HEADER) + "\n" + "x\n" * 100_001)
    return path


def fixture(name: str):
    return lambda _d: FIXTURES / name


def _rows(rule: str, column: str | None, *rows: int | None) -> set[tuple]:
    return {(rule, row, column) for row in rows}


#: case id -> (builder(tmp dir) -> path, sheet, expected {(rule id, row, column)}).
BAD_CASES: dict[str, tuple] = {
    "kosong": (fixture("kosong.csv"), None, _rows("berkas_kosong", None, None)),
    "hanya_spasi_bom": (fixture("hanya_spasi.csv"), None, _rows("berkas_kosong", None, None)),
    "hanya_judul_kolom": (fixture("hanya_judul_kolom.csv"), None, _rows("tidak_ada_data", None, 3)),
    "tanpa_judul_kolom": (fixture("tanpa_judul_kolom.csv"), None, _rows("judul_kolom_tidak_ada", None, None)),
    "kolom_wajib_hilang": (fixture("kolom_wajib_hilang.csv"), None,
                           _rows("kolom_wajib_tidak_ada", "nilai", 1) | _rows("kolom_wajib_tidak_ada", "tanggal_sumber", 1)),
    "kolom_tidak_dikenal": (fixture("kolom_tidak_dikenal.csv"), None,
                            _rows("kolom_tidak_dikenal", "keterangan_tambahan", 1)),
    "kolom_pribadi": (fixture("kolom_pribadi.csv"), None,
                      {("kolom_pribadi", 1, c) for c in ("NIK", "No HP", "Alamat Rumah")}),
    "kolom_pribadi_lain": (fixture("kolom_pribadi_lain.csv"), None,
                           {("kolom_pribadi", 1, c) for c in ("Tanggal Lahir", "No. Rekening", "E-mail", "Nama Penerima")}),
    "data_pribadi_dalam_sel": (fixture("data_pribadi_dalam_sel.csv"), None,
                               _rows("data_pribadi_dalam_sel", "catatan", 2) | _rows("data_pribadi_dalam_sel", "kutipan", 3)),
    "kode_wilayah_tidak_dikenal": (fixture("kode_wilayah_tidak_dikenal.csv"), None,
                                   _rows("kode_wilayah_tidak_dikenal", "kode_wilayah", 2, 3)),
    "kode_wilayah_nama": (fixture("kode_wilayah_nama.csv"), None, _rows("kode_wilayah_format", "kode_wilayah", 2)),
    "indikator_tidak_dikenal": (fixture("indikator_tidak_dikenal.csv"), None,
                                _rows("indikator_tidak_dikenal", "indikator", 2)),
    "program_tidak_dikenal": (fixture("program_tidak_dikenal.csv"), None, _rows("program_tidak_dikenal", "program", 2)),
    "nilai_negatif": (fixture("nilai_negatif.csv"), None, _rows("nilai_negatif", "nilai", 2)),
    "nilai_bukan_angka": (fixture("nilai_bukan_angka.csv"), None, _rows("angka_tidak_terbaca", "nilai", 2, 3)),
    "persen_di_atas_100": (fixture("persen_di_atas_100.csv"), None, _rows("persen_di_atas_100", "nilai", 2)),
    "tahun_di_luar_rentang": (fixture("tahun_di_luar_rentang.csv"), None, _rows("tahun_di_luar_rentang", "tahun", 2, 3)),
    "tahun_tidak_terbaca": (fixture("tahun_tidak_terbaca.csv"), None, _rows("tahun_tidak_terbaca", "tahun", 2)),
    "melebihi_penduduk": (fixture("melebihi_penduduk.csv"), None, _rows("melebihi_penduduk", "nilai", 2)),
    "kunci_ganda": (fixture("kunci_ganda.csv"), None, _rows("kunci_ganda", None, 4)),
    "jumlah_tidak_cocok": (fixture("jumlah_tidak_cocok.csv"), None, _rows("jumlah_tidak_cocok", "nilai", 2)),
    "jumlah_sebagian_melebihi": (fixture("jumlah_sebagian_melebihi.csv"), None,
                                 _rows("jumlah_tidak_cocok", "nilai", 2)),
    "injeksi_rumus": (fixture("injeksi_rumus.csv"), None,
                      {("injeksi_rumus", 2, "sumber"), ("injeksi_rumus", 3, "catatan"), ("injeksi_rumus", 4, "kutipan"),
                       ("injeksi_rumus", 5, "kode_wilayah"), ("injeksi_rumus", 6, "catatan")}),
    "tanggal_tidak_terbaca": (fixture("tanggal_tidak_terbaca.csv"), None,
                              _rows("tanggal_tidak_terbaca", "tanggal_sumber", 2, 3)),
    "tanggal_di_luar_rentang": (fixture("tanggal_di_luar_rentang.csv"), None,
                                _rows("tanggal_di_luar_rentang", "tanggal_sumber", 2, 3)),
    "format_angka_campuran": (fixture("format_angka_campuran.csv"), None, _rows("format_angka_campuran", "nilai", 4)),
    "program_wajib": (fixture("program_wajib.csv"), None, _rows("program_wajib", "program", 2)),
    "program_tidak_sesuai": (fixture("program_tidak_sesuai.csv"), None,
                             _rows("program_tidak_sesuai", "program", 2, 3, 4)),
    "satuan_tidak_sesuai": (fixture("satuan_tidak_sesuai.csv"), None,
                            _rows("satuan_tidak_sesuai", "satuan", 2) | _rows("bukan_bilangan_bulat", "nilai", 2)),
    "bukan_bilangan_bulat": (fixture("bukan_bilangan_bulat.csv"), None, _rows("bukan_bilangan_bulat", "nilai", 2)),
    "nama_wilayah_tidak_cocok": (fixture("nama_wilayah_tidak_cocok.csv"), None,
                                 _rows("nama_wilayah_tidak_cocok", "nama_wilayah", 2, 3)),
    "url_tidak_sah": (fixture("url_tidak_sah.csv"), None, _rows("url_tidak_sah", "url_sumber", 2)),
    "nilai_strip": (fixture("nilai_strip.csv"), None, _rows("nilai_strip", "nilai", 2)),
    "sel_wajib_kosong": (fixture("sel_wajib_kosong.csv"), None,
                         _rows("wajib_diisi", "sumber", 2) | _rows("wajib_diisi", "kode_wilayah", 3)),
    "periode_tidak_dikenal": (fixture("periode_tidak_dikenal.csv"), None, _rows("periode_tidak_dikenal", "periode", 2)),
    "kolom_tanpa_judul": (fixture("kolom_tanpa_judul.csv"), None, _rows("kolom_tanpa_judul", "kolom J", 1)),
    "kolom_ganda": (fixture("kolom_ganda.csv"), None, _rows("kolom_ganda", "nilai", 1)),
    "tanda_persen": (fixture("tanda_persen.csv"), None, _rows("tanda_persen", "nilai", 2)),
    "pdf": (fixture("dokumen.pdf"), None, _rows("jenis_berkas", None, None)),
    "xls_lama": (fixture("excel_lama.xls"), None, _rows("jenis_berkas", None, None)),
    "biner_bernama_csv": (fixture("biner.csv"), None, _rows("jenis_berkas", None, None)),
    "zip_bernama_csv": (zip_named_csv, None, _rows("jenis_berkas", None, None)),
    "pengodean_rusak": (fixture("pengodean_rusak.csv"), None, _rows("pengodean", None, None)),
    "terlalu_besar": (sparse_too_big, None, _rows("berkas_terlalu_besar", None, None)),
    "berkas_tidak_ada": (missing_file, None, _rows("berkas_tidak_ada", None, None)),
    "csv_sel_raksasa": (csv_giant_field, None, _rows("csv_rusak", None, None)),
    "csv_terlalu_banyak_baris": (csv_too_many_rows, None, _rows("terlalu_banyak_baris", None, None)),
    "xlsx_rumus": (xlsx_formula, None, _rows("rumus_excel", "nilai", 5)),
    "xlsx_galat": (xlsx_error_cell, None, _rows("galat_excel", "nilai", 4)),
    "xlsx_injeksi_teks": (xlsx_text_injection, None, _rows("injeksi_rumus", "catatan", 4)),
    "xlsx_nik_sebagai_angka": (xlsx_nik_as_number, None, _rows("data_pribadi_dalam_sel", "nilai", 4)),
    "xlsx_bom_rasio": (xlsx_bomb_ratio, None, _rows("bom_zip", None, None)),
    "xlsx_bom_ukuran": (xlsx_bomb_declared, None, _rows("bom_zip", None, None)),
    "xlsx_entitas_xml": (xlsx_entities, None, _rows("xml_berbahaya", None, None)),
    "xlsx_terpotong": (xlsx_truncated, None, _rows("xlsx_rusak", None, None)),
    "xlsx_bukan_workbook": (xlsx_not_a_workbook, None, _rows("xlsx_rusak", None, None)),
    "xlsx_semua_tersembunyi": (xlsx_all_hidden, None, _rows("tidak_ada_lembar", None, None)),
    "xlsx_lembar_tidak_ada": (xlsx_private_hidden_sheet, "Tidak Ada", _rows("lembar_tidak_ada", None, None)),
    "xlsx_lembar_pribadi_dipilih": (xlsx_private_hidden_sheet, "Data Pribadi", _rows("kolom_pribadi", "nik", 1)),
}

#: Private values written in the corpus: they must never be printed back.
PRIVATE_VALUES = ["3601010101900001", "081234567890", "Kp. Sukamaju", "budi@contoh.id"]

# Cases of the hostile classes found by an independent checker (issue 14, item 5).
from hostile_corpus import HOSTILE_CASES  # noqa: E402

BAD_CASES.update(HOSTILE_CASES)

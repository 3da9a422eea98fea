"""The Excel template staff fill in for a statistics upload (docs/format_unggah.md), built with openpyxl.

Sheets:

* ``Data`` — the columns of the format, empty, with drop-down lists (data validation) for
  ``indikator``, ``program`` and ``kode_wilayah`` on every row. Uploading the template unchanged
  publishes nothing ("tidak ada baris data").
* ``Contoh`` — the same columns with one filled example row that passes the check (it is never read
  unless chosen with ``--sheet Contoh``: the first sheet with a header wins).
* ``Kode`` — hidden: the codes the drop-down lists refer to, from ``data/reference/*.csv``.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from dashboard.data import reference

COLUMNS = ["indikator", "program", "kode_wilayah", "tahun", "periode", "nilai", "satuan", "sumber", "url_sumber",
           "tanggal_sumber", "kutipan", "catatan", "presisi", "nama_wilayah"]
REQUIRED = {"indikator", "program", "kode_wilayah", "tahun", "nilai", "satuan", "sumber", "tanggal_sumber"}
EXAMPLE = {
    "indikator": "penerima", "program": "UEP", "kode_wilayah": "3601", "tahun": 2024, "periode": "",
    "nilai": 400, "satuan": "KPM", "sumber": "Laporan Realisasi UEP 2024, Dinsos Banten (contoh pengisian)",
    "url_sumber": "https://dinsos.bantenprov.go.id/", "tanggal_sumber": "5 Maret 2025",
    "kutipan": "", "catatan": "", "presisi": "", "nama_wilayah": "Kab. Pandeglang",
}
DATA_ROWS = 2000  # rows of the Data sheet that carry the drop-down lists
#: Column of the template -> column of the hidden Kode sheet holding its allowed codes.
LISTS = {"indikator": "A", "program": "B", "kode_wilayah": "C"}
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
HINTS = {
    "indikator": "Kode indikator (daftar pilihan)", "program": "Kode program/PSKS; kosong untuk indikator wilayah",
    "kode_wilayah": "Kode BPS: 36, 3601..3674, 7 angka kecamatan", "nilai": "Angka, mis. 1.234.567 atau 12,5",
    "tanggal_sumber": "Tanggal dokumen sumber, mis. 5 Maret 2025",
}


def codes() -> dict[str, list[str]]:
    """The allowed values of each drop-down list."""
    return {
        "indikator": list(reference.indicators()["kode"]),
        "program": list(reference.programs()["kode"]),
        "kode_wilayah": [reference.PROVINCE_CODE, *reference.kabkota()["kode_bps"], *reference.kecamatan()["kode_bps"]],
    }


def _header(ws, row: int) -> None:
    for i, name in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=row, column=i, value=name)
        cell.font = Font(bold=name in REQUIRED)
        cell.fill = HEADER_FILL
        if name in HINTS:
            cell.comment = Comment(HINTS[name], "Dinsos Banten")
        ws.column_dimensions[get_column_letter(i)].width = max(12, len(name) + 4)


def build() -> bytes:
    """The template workbook as XLSX bytes."""
    wb = Workbook()
    data = wb.active
    data.title = "Data"
    _header(data, 1)
    data.freeze_panes = "A2"
    for column in ("kode_wilayah", "tahun", "nilai", "presisi"):  # codes stay text (no lost leading digits)
        letter = get_column_letter(COLUMNS.index(column) + 1)
        for row in range(2, DATA_ROWS + 2):
            data[f"{letter}{row}"].number_format = "@" if column == "kode_wilayah" else "General"

    lists = wb.create_sheet("Kode")
    lists.sheet_state = "hidden"
    for name, letter in LISTS.items():
        values = codes()[name]
        lists[f"{letter}1"] = name
        for i, value in enumerate(values, start=2):
            lists[f"{letter}{i}"] = str(value)
            lists[f"{letter}{i}"].number_format = "@"
        validation = DataValidation(type="list", formula1=f"=Kode!${letter}$2:${letter}${len(values) + 1}",
                                    allow_blank=True, showErrorMessage=True, errorTitle="Kode tidak dikenal",
                                    error=f"Pilih {name} dari daftar (data/reference).")
        target = get_column_letter(COLUMNS.index(name) + 1)
        validation.add(f"{target}2:{target}{DATA_ROWS + 1}")
        data.add_data_validation(validation)

    example = wb.create_sheet("Contoh", 1)
    example["A1"] = "CONTOH PENGISIAN: lembar ini tidak dibaca saat unggah; isi lembar 'Data'."
    example["A1"].font = Font(bold=True)
    _header(example, 3)
    for i, name in enumerate(COLUMNS, start=1):
        example.cell(row=4, column=i, value=EXAMPLE[name] if EXAMPLE[name] != "" else None)
    example["C4"].number_format = "@"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

"""Roster files shaped like the one Dinsos holds (header names, Indonesian dates, names for regions),
with canary values in every private field so tests can search every output for them."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

HEADER = ["No", "NIK", "Nama Lengkap", "Jenis PSKS", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan",
          "No. HP", "Alamat", "Tanggal Lahir", "Nomor SK", "Tanggal SK", "Persetujuan Publikasi Nama"]
#: Private values planted in the file; none may appear in any public output.
CANARIES = {
    "nik": "3604311511800007",  # Kab. Serang, Kec. Cinangka (36.04.31): a valid NIK of that kecamatan
    "telepon": "0812-7777-4242 CANARY-HP-5K1",
    "alamat": "CANARY-ALAMAT-7Q2 Kp. Kanari RT 01/RW 02",
    "tanggal_lahir": "15 November 1980",
    "hidden_name": "CANARY-NAMA-TANPA-IZIN-3X9",
    "minor_name": "CANARY-NAMA-ANAK-8M4",
    "minor_nik": "3604315505120009",
    "hidden_nik": "3604310101750003",
}
PUBLIC_NAME = "Siti Kanari Publik"  # a consenting adult: published by name (positive control)


def rows() -> list[list[str]]:
    """Five PSKS: a consenting adult, a non-consenting adult, a minor, an organisation, a PSM."""
    c = CANARIES
    return [
        ["1", c["nik"], PUBLIC_NAME, "TKSK", "Kab. Serang", "Cinangka", "", c["telepon"], c["alamat"],
         c["tanggal_lahir"], "460/12-TKSK/Dinsos/2024", "2 Januari 2024", "ya"],
        ["2", c["hidden_nik"], c["hidden_name"], "Tagana", "3604", "36.04.31", "", "081300000001 CANARY-HP-2",
         "CANARY-ALAMAT-2", "01/01/1975", "460/13-TAGA/Dinsos/2024", "2024-01-02", ""],
        ["3", c["minor_nik"], c["minor_name"], "Tagana", "Kabupaten Serang", "3604010", "", "CANARY-HP-ANAK",
         "CANARY-ALAMAT-ANAK", "15/05/2012", "460/14-TAGA/Dinsos/2024", "2024-01-02", "ya"],
        ["4", "", "Karang Taruna Kanari Jaya", "Karang Taruna", "Kab. Serang", "Cinangka", "Pasauran", "0254000111",
         "", "", "460/15-KART/Dinsos/2024", "2024-01-02", "ya"],
        ["5", "3604314107850001", "Dewi Kanari", "PSM", "Kab. Serang", "Cinangka", "3604010003", "",
         "CANARY-ALAMAT-5", "1 Juli 1985", "460/16-PSM/Dinsos/2024", "2024-01-02", "ya"],
    ]


def write_csv(path: Path, body: list[list[str]] | None = None, header: list[str] | None = None) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(["DAFTAR PSKS PROVINSI BANTEN (DATA PRIBADI - RAHASIA)"])
        writer.writerow([])
        writer.writerow(header or HEADER)
        writer.writerows(rows() if body is None else body)
    return path


def write_xlsx(path: Path, body: list[list[object]] | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Roster"
    ws.append(["DAFTAR PSKS PROVINSI BANTEN"])
    ws.append([])
    ws.append(HEADER)
    for row in rows() if body is None else body:
        ws.append(row)
    wb.save(path)
    return path


def private_fragments() -> list[str]:
    """Every private value of :func:`rows` (and the forms it is stored in) that must never be public."""
    c = CANARIES
    return [c["nik"], c["hidden_nik"], c["minor_nik"], "3604314107850001", c["alamat"], "CANARY-ALAMAT-7Q2",
            "CANARY-HP-5K1", "0812-7777-4242", "081277774242", "081300000001", "CANARY-HP-2", "CANARY-ALAMAT-2",
            "CANARY-HP-ANAK", "CANARY-ALAMAT-ANAK", "CANARY-ALAMAT-5", c["tanggal_lahir"], "1980-11-15",
            "15/05/2012", "2012-05-15", c["hidden_name"], c["minor_name"], "0254000111"]


def injection_rows(payloads: list[str]) -> list[list[str]]:
    """Consenting adults whose names are script payloads (they are published: every page must escape them)."""
    out = []
    for i, payload in enumerate(payloads):
        out.append([str(10 + i), f"36043101018{i:01d}0{i + 1:03d}", payload, "PSM", "Kab. Serang", "Cinangka",
                    "Pasauran", "", "", "1 Januari 1981", f"460/{30 + i}-PSM/Dinsos/2024", "2024-01-02", "ya"])
    return out

"""The real roster import: every rule refuses with file/row/column in Indonesian and never repeats a
private value; a clean file publishes current statistics + the public projection only; the private
copy is kept with mode 600 in a mode-700 folder."""

from __future__ import annotations

import stat
from datetime import date

import pytest
from roster_files import CANARIES, HEADER, PUBLIC_NAME, rows, write_csv, write_xlsx

from dashboard.data import release, roster_import
from dashboard.data.__main__ import main
from dashboard.data.roster import HIDDEN_NAME
from dashboard.data.schema import ROSTER_PUBLIC_COLUMNS

TODAY = date(2026, 12, 1)


def _messages(result) -> str:
    return "\n".join(p.message() for p in result.problems + result.notes)


def _private_values() -> list[str]:
    values = [v for k, v in CANARIES.items()]
    return values + ["CANARY-HP-2", "CANARY-ALAMAT-2", "CANARY-HP-ANAK", "CANARY-ALAMAT-ANAK", "CANARY-ALAMAT-5"]


@pytest.mark.parametrize("writer", [write_csv, write_xlsx])
def test_clean_roster_projects_only_public_columns(private, releases, tmp_path, writer):
    result = roster_import.check(writer(tmp_path / f"roster.{writer.__name__[6:]}"), today=TODAY)
    assert result.problems == []
    public = result.public
    assert list(public.columns) == ROSTER_PUBLIC_COLUMNS
    assert len(result.private) == 5 and len(public) == 4  # the minor is not listed
    assert PUBLIC_NAME in set(public.nama)
    assert HIDDEN_NAME in set(public.nama)  # the adult without consent: listed without a name
    text = public.to_csv()
    assert [v for v in _private_values() if v in text] == []
    notes = _messages(result)
    assert "di bawah 18 tahun" in notes and "(1 baris: 6)" in notes
    assert "tanpa persetujuan publikasi nama" in notes and "(1 baris: 5)" in notes


def test_public_id_is_stable_and_keyed(private, releases, tmp_path):
    first = roster_import.check(write_csv(tmp_path / "a.csv"), today=TODAY).public.id_publik.tolist()
    again = roster_import.check(write_csv(tmp_path / "b.csv", list(reversed(rows()))), today=TODAY).public
    assert sorted(first) == sorted(again.id_publik)
    assert all(CANARIES["nik"] not in i and CANARIES["nik"][-6:] not in i for i in first)
    key = (private / "kunci_id_publik.bin")
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == 32


def _one_bad(tmp_path, column: str, value: str, row: int = 0):
    body = rows()
    body[row][HEADER.index(column)] = value
    return roster_import.check(write_csv(tmp_path / "bad.csv", body), today=TODAY)


@pytest.mark.parametrize(("column", "value", "rule", "kolom"), [
    ("NIK", "36043115118000", "NIK harus 16 angka", "nik"),
    ("NIK", "3601011511800007", "tidak sama dengan kode Kemendagri kecamatan", "nik"),
    ("NIK", "", "sel wajib diisi", "nik"),
    ("Jenis PSKS", "Relawan Bebas", "jenis PSKS tidak ada dalam katalog", "jenis_psks"),
    ("Kabupaten/Kota", "Kab. Antah", "kabupaten/kota tidak dikenal", "kabupaten_kota"),
    ("Kecamatan", "Tidak Ada", "kecamatan tidak dikenal", "kecamatan"),
    ("Kecamatan", "3601010", "tidak berada di kabupaten/kota yang tertulis", "kecamatan"),
    ("Desa/Kelurahan", "Desa Khayalan", "desa/kelurahan tidak dikenal", "desa"),
    ("Tanggal Lahir", "31 Februari 1980", "tanggal tidak dapat dibaca", "tanggal_lahir"),
    ("Tanggal Lahir", "1 Januari 2030", "tanggal sesudah tanggal impor", "tanggal_lahir"),
    ("Tanggal Lahir", "1 Januari 1900", "umur di atas 100 tahun", "tanggal_lahir"),
    ("Tanggal SK", "", "sel wajib diisi", "tanggal_sk"),
    ("Persetujuan Publikasi Nama", "mungkin", "harus 'ya' atau 'tidak'", "persetujuan_publikasi_nama"),
    ("Nama Lengkap", "=HYPERLINK(\"http://x\")", "teks diawali", "nama"),
])
def test_each_rule_names_row_column_and_rule(private, releases, tmp_path, column, value, rule, kolom):
    result = _one_bad(tmp_path, column, value)
    assert result.public is None
    found = [p for p in result.problems if rule in p.rule]
    assert [(p.file, p.row, p.column) for p in found] == [("bad.csv", 4, kolom)]


def test_international_phone_numbers_are_not_formulas(private, releases, tmp_path):
    assert _one_bad(tmp_path, "No. HP", "+62 812 3456 7890").problems == []
    assert [p.column for p in _one_bad(tmp_path, "No. HP", "+SUM(A1)").problems] == ["telepon"]


def test_duplicate_nik_names_the_first_row(private, releases, tmp_path):
    body = rows()
    body[4][1] = body[0][1]  # PSM row reuses the TKSK's NIK
    result = roster_import.check(write_csv(tmp_path / "dup.csv", body), today=TODAY)
    [dup] = [p for p in result.problems if "NIK yang sama" in p.rule]
    assert (dup.row, dup.column) == (8, "nik") and "pertama di baris 4" in dup.rule


def test_nik_typed_as_an_excel_number_is_refused(private, releases, tmp_path):
    body = rows()
    body[0][1] = 3604311511800007  # Excel keeps 15 significant digits: the last one would be lost
    result = roster_import.check(write_xlsx(tmp_path / "angka.xlsx", body), today=TODAY)
    assert [(p.row, p.column) for p in result.problems if "Teks" in p.rule] == [(4, "nik")]


def test_missing_columns_are_listed(private, releases, tmp_path):
    header = [h for h in HEADER if h not in ("NIK", "Tanggal SK")]
    body = [[c for h, c in zip(HEADER, r, strict=True) if h not in ("NIK", "Tanggal SK")] for r in rows()]
    result = roster_import.check(write_csv(tmp_path / "kolom.csv", body, header), today=TODAY)
    assert {(p.column, p.rule) for p in result.problems} == {("nik", "kolom wajib tidak ada"),
                                                              ("tanggal_sk", "kolom wajib tidak ada")}


def test_no_problem_message_repeats_a_private_value(private, releases, tmp_path):
    """Break every row in every private column at once: the report names places, never values."""
    body = rows()
    for row in body:
        row[HEADER.index("NIK")] += "X"  # every NIK malformed (the canary NIK included)
        row[HEADER.index("Tanggal Lahir")] = row[HEADER.index("Tanggal Lahir")] + " CANARY-TGL"
        row[HEADER.index("Nama Lengkap")] = "=" + row[HEADER.index("Nama Lengkap")]
        row[HEADER.index("No. HP")] = "@" + row[HEADER.index("No. HP")]
        row[HEADER.index("Alamat")] = "+" + (row[HEADER.index("Alamat")] or "CANARY-ALAMAT-KOSONG")
    result = roster_import.check(write_csv(tmp_path / "semua.csv", body), today=TODAY)
    text = _messages(result)
    assert len(result.problems) >= 15
    leaked = [v for v in _private_values() + ["CANARY-TGL", "CANARY-ALAMAT-KOSONG", PUBLIC_NAME, "Dewi Kanari"]
              if v in text]
    assert leaked == []
    assert "semua.csv, baris 4, kolom 'nik'" in text


def test_publish_keeps_statistics_stores_private_copy_and_skips_a_repeat(private, releases, tmp_path):
    before = release.load_newest_good().release
    result = roster_import.publish(write_csv(tmp_path / "roster.csv"), today=TODAY)
    assert result.problems == [] and result.release_id
    new = release.load_newest_good().release
    assert new.release_id == result.release_id
    assert new.statistics.equals(before.statistics)
    assert sorted(new.roster.id_publik) == sorted(result.public.id_publik)
    assert "sha256" in new.manifest["note"] and "roster.csv" not in new.manifest["note"]
    folder = private / "roster"
    assert stat.S_IMODE(private.stat().st_mode) == 0o700 and stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = sorted(folder.iterdir())
    assert len(files) == 2 and all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    stored = next(f for f in files if f.name.endswith("-roster.csv")).read_text(encoding="utf-8")
    assert CANARIES["alamat"] in stored and CANARIES["nik"] in stored  # positive control: private copy has them
    published = "".join(p.read_text(encoding="utf-8") for p in new.path.iterdir())
    assert [v for v in _private_values() if v in published] == []
    again = roster_import.publish(write_csv(tmp_path / "roster2.csv"), today=TODAY)
    assert again.problems == [] and again.release_id is None
    assert release.current_id() == new.release_id


def test_refused_file_publishes_nothing(private, releases, tmp_path):
    before = release.current_id()
    bad = write_csv(tmp_path / "bad.csv", [r[:1] + ["123"] + r[2:] for r in rows()])
    result = roster_import.publish(bad, today=TODAY)
    assert result.problems and result.release_id is None
    assert release.current_id() == before and not (private / "roster").exists()


def test_cli_roster_check_and_publish(private, releases, tmp_path, capsys):
    path = write_csv(tmp_path / "roster.csv")
    assert main(["roster", "check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "lolos pemeriksaan" in out and "4 baris baru" in out
    assert [v for v in _private_values() if v in out] == []
    assert main(["roster", "publish", str(path)]) == 0
    assert "Rilis baru" in capsys.readouterr().out
    bad = write_csv(tmp_path / "bad.csv", [r[:1] + ["12"] + r[2:] for r in rows()])
    assert main(["roster", "check", str(bad)]) == 1
    assert "NIK harus 16 angka" in capsys.readouterr().out
    log = (releases / "audit.csv").read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[2] for line in log[1:]] == ["periksa_roster", "impor_roster", "periksa_roster"]
    assert all(line.split(",")[1].startswith("cli:") for line in log[1:])

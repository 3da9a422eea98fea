"""Rules, columns and region look-ups of the PSKS roster import (:mod:`dashboard.data.roster_import`).

Every problem is phrased in Indonesian for the member of staff who can fix it and names file, row and
column; the value is shown only for columns that are public anyway (PSKS type, regions, status,
consent), never for NIK, name, phone, address or dates.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from dashboard.data import reference
from dashboard.data.schema import Problem

RULES: dict[str, str] = {
    "judul_kolom_tidak_ada": ("baris judul kolom roster tidak ditemukan di 30 baris pertama (harus memuat "
                              "nik, nama, jenis_psks, kabupaten_kota, kecamatan, ...)"),
    "tidak_ada_data": "tidak ada baris data di bawah baris judul kolom",
    "kolom_wajib_tidak_ada": "kolom wajib tidak ada",
    "kolom_ganda": "kolom yang sama muncul lebih dari sekali",
    "wajib_diisi": "sel wajib diisi",
    "rumus_excel": "sel berisi rumus atau galat Excel; salin sebagai nilai (Tempel Spesial > Nilai)",
    "nik_angka_excel": ("NIK tersimpan sebagai angka Excel (Excel membulatkan angka 16 digit); format kolom "
                        "NIK sebagai Teks lalu ketik ulang"),
    "nik_format": "NIK harus 16 angka",
    "nik_wilayah": ("6 angka pertama NIK tidak sama dengan kode Kemendagri kecamatan yang tertulis di baris "
                    "ini"),
    "nik_ganda": "NIK yang sama sudah ada di baris lain",
    "organisasi_ganda": "organisasi dengan jenis, wilayah dan nama yang sama sudah ada di baris lain",
    "jenis_tidak_dikenal": "jenis PSKS tidak ada dalam katalog (data/reference/programs.csv)",
    "kabkota_tidak_dikenal": "kabupaten/kota tidak dikenal (tulis kode BPS 3601, kode 36.01 atau nama)",
    "kecamatan_tidak_dikenal": ("kecamatan tidak dikenal di kabupaten/kota itu (tulis kode BPS 7 angka, kode "
                                "Kemendagri 36.03.12 atau nama)"),
    "kecamatan_bukan_di_kabkota": "kecamatan ini tidak berada di kabupaten/kota yang tertulis",
    "desa_tidak_dikenal": "desa/kelurahan tidak dikenal di kecamatan itu (tulis kode BPS 10 angka atau nama)",
    "tanggal_tidak_terbaca": "tanggal tidak dapat dibaca; tulis mis. 5 Maret 1980, 05/03/1980 atau 1980-03-05",
    "tanggal_masa_depan": "tanggal sesudah tanggal impor",
    "tanggal_lahir_tidak_wajar": "tanggal lahir tidak wajar (umur di atas 100 tahun)",
    "persetujuan_tidak_dikenal": "persetujuan publikasi nama harus 'ya' atau 'tidak' (kosong = tidak)",
    "status_tidak_dikenal": "status harus aktif, tidak aktif atau purna tugas",
    "teks_berbahaya": ("teks diawali =, +, -, @ atau berisi karakter kendali (dapat dijalankan sebagai rumus "
                       "di Excel); perbaiki sel ini"),
}
#: What the import reports but does not refuse.
NOTES: dict[str, str] = {
    "anak": "di bawah 18 tahun pada tanggal impor: tidak dicantumkan di daftar publik",
    "tanpa_persetujuan": "tanpa persetujuan publikasi nama: dicantumkan tanpa nama",
    "kolom_lain": "kolom tidak dipakai (hanya disimpan di berkas pribadi)",
}

#: Canonical column -> accepted header spellings (after :func:`normalise_header`).
COLUMNS: dict[str, tuple[str, ...]] = {
    "nik": ("nik", "no_nik", "nomor_nik", "nomor_induk_kependudukan"),
    "nama": ("nama", "nama_lengkap", "nama_psks"),
    "jenis_psks": ("jenis_psks", "jenis", "psks"),
    "kabupaten_kota": ("kabupaten_kota", "kab_kota", "kabkota", "kode_kabkota", "kabupaten"),
    "kecamatan": ("kecamatan", "kode_kecamatan", "kec"),
    "desa": ("desa", "desa_kelurahan", "kelurahan", "kode_desa"),
    "telepon": ("telepon", "no_telepon", "nomor_telepon", "telp", "no_telp", "hp", "no_hp", "nomor_hp", "wa"),
    "alamat": ("alamat", "alamat_rumah", "alamat_lengkap"),
    "tanggal_lahir": ("tanggal_lahir", "tgl_lahir"),
    "nomor_sk": ("nomor_sk", "no_sk", "sk"),
    "tanggal_sk": ("tanggal_sk", "tgl_sk"),
    "persetujuan_publikasi_nama": ("persetujuan_publikasi_nama", "persetujuan_publikasi", "persetujuan",
                                   "izin_publikasi_nama", "setuju_nama_dipublikasikan"),
    "status": ("status", "status_aktif"),
    "periode_mulai": ("periode_mulai", "mulai_tugas", "tmt"),
    "periode_selesai": ("periode_selesai", "akhir_tugas", "selesai_tugas"),
}
REQUIRED = ("nik", "nama", "jenis_psks", "kabupaten_kota", "kecamatan", "tanggal_lahir", "nomor_sk",
            "tanggal_sk", "persetujuan_publikasi_nama")
#: Columns whose value a problem message may repeat (they are public in the roster anyway).
ECHO = ("jenis_psks", "kabupaten_kota", "kecamatan", "desa", "status", "persetujuan_publikasi_nama")
YES = {"ya", "y", "iya", "setuju", "bersedia", "1", "true", "x", "v"}
NO = {"tidak", "t", "n", "no", "tidak setuju", "tidak bersedia", "0", "false", ""}
STATUSES = ("aktif", "tidak aktif", "purna tugas")
DANGEROUS_START = ("=", "+", "-", "@")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

IGNORED = {"no", "nomor", "no_urut", "nomor_urut"}
_ALIASES = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}


def normalise_header(cell: object) -> str:
    """``"Tanggal Lahir (dd/mm/yyyy)"`` -> ``"tanggal_lahir"``."""
    text = re.sub(r"\(.*?\)", " ", str(cell or "")).lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def canonical(cell: object) -> str | None:
    return _ALIASES.get(normalise_header(cell))


def header_score(cells: list) -> int:
    """How many distinct roster columns a row names (the header row names the most)."""
    return len({canonical(c) for c in cells} - {None})


def problem(rule: str, file: str, row: int | None = None, column: str | None = None,
            value: object = None, detail: str | None = None) -> Problem:
    """A :class:`Problem`; ``value`` is kept only for the columns in :data:`ECHO`."""
    shown = None if column not in ECHO or value in (None, "") else str(value)[:60]
    return Problem(file, row, column, shown, RULES[rule] + (f": {detail}" if detail else ""))


def note(kind: str, file: str, rows: list[int], column: str | None = None) -> Problem:
    """A note over several rows (row numbers only, never values)."""
    listed = ", ".join(str(r) for r in rows[:20]) + (f" dan {len(rows) - 20} baris lain" if len(rows) > 20 else "")
    return Problem(file, None, column, None, f"{NOTES[kind]} ({len(rows)} baris: {listed})")


def _key(text: str) -> str:
    text = re.sub(r"^(kabupaten|kab\.?|kota|kec\.?|kecamatan|desa|kelurahan|kel\.?)\s+", "", text.strip().lower())
    return re.sub(r"[^a-z0-9]+", "", text)


@lru_cache(maxsize=1)
def psks_types() -> dict[str, tuple[str, str]]:
    """Lower-case code, abbreviation or name -> (code, ``orang`` or ``organisasi``)."""
    cat = reference.programs()
    cat = cat[cat["jenis"] == "psks"]
    out = {}
    for row in cat.itertuples():
        entity = "orang" if row.satuan == "orang" else "organisasi"
        for label in (row.kode, row.singkatan, row.nama):
            if label:
                out[label.strip().lower()] = (row.kode, entity)
    return out


@lru_cache(maxsize=1)
def _kabkota_index() -> dict[str, str]:
    kab = reference.kabkota()
    out = {}
    for row in kab.itertuples():
        out[row.kode_bps] = out[row.kode_kemendagri] = row.kode_bps
        out[row.nama.lower()] = out[row.nama_singkat.lower()] = row.kode_bps
    return out


def kabkota_code(text: str) -> str | None:
    """BPS code of a kab/kota written as code (``3601``, ``36.01``) or full/short name.

    A bare name without Kabupaten/Kota is not enough where both exist (Tangerang, Serang).
    """
    return _kabkota_index().get(text.strip().lower())


@lru_cache(maxsize=1)
def _kecamatan_index() -> tuple[dict[str, str], dict[str, str], dict[tuple[str, str], str]]:
    """(BPS code -> NIK prefix, NIK prefix -> BPS code, (kab/kota, name key) -> BPS code)."""
    kec = reference.kecamatan()
    prefix = dict(zip(kec["kode_bps"], kec["kode_kemendagri"].str.replace(".", "", regex=False), strict=True))
    names: dict[tuple[str, str], str] = {}
    for row in kec.itertuples():
        for name in {row.nama, row.nama_kemendagri}:
            names[(row.kode_bps_kabkota, _key(name))] = row.kode_bps
    return prefix, {v: k for k, v in prefix.items()}, names


def kecamatan_code(text: str, kab: str | None) -> tuple[str | None, str | None]:
    """(BPS code, rule id of the failure) of a kecamatan written as a code or as a name in ``kab``."""
    prefix, by_prefix, by_name = _kecamatan_index()
    raw = text.strip()
    digits = re.sub(r"[.\s]", "", raw)
    if re.fullmatch(r"\d{7}", digits) and "." not in raw:
        code = digits if digits in prefix else None
    elif re.fullmatch(r"\d{6}", digits):
        code = by_prefix.get(digits)
    else:
        code = by_name.get((kab, _key(raw))) if kab else None
        return (code, None) if code else (None, "kecamatan_tidak_dikenal")
    if code is None:
        return None, "kecamatan_tidak_dikenal"
    if kab is not None and code[:4] != kab:
        return None, "kecamatan_bukan_di_kabkota"
    return code, None


def nik_prefix(kecamatan_bps: str) -> str:
    """The six NIK digits of a kecamatan: its Kemendagri code without dots (36.03.12 -> 360312)."""
    return _kecamatan_index()[0][kecamatan_bps]


@lru_cache(maxsize=1)
def _desa_index() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """(BPS code -> kecamatan, (kecamatan, name key) -> BPS code); a name twice in one kecamatan is dropped."""
    desa = reference.desa()
    by_code = dict(zip(desa["kode_bps"], desa["kode_bps_kecamatan"], strict=True))
    keys = [(k, _key(n)) for k, n in zip(desa["kode_bps_kecamatan"], desa["nama"], strict=True)]
    counts = pd.Series(keys).value_counts()
    by_name = {key: code for key, code in zip(keys, desa["kode_bps"], strict=True) if counts[key] == 1}
    return by_code, by_name


def desa_code(text: str, kecamatan_bps: str) -> str | None:
    by_code, by_name = _desa_index()
    raw = text.strip()
    if re.fullmatch(r"\d{10}", raw):
        return raw if by_code.get(raw) == kecamatan_bps else None
    return by_name.get((kecamatan_bps, _key(raw)))


def duplicates(frame: pd.DataFrame, file: str) -> list[Problem]:
    """The same NIK twice (naming the first row), or the same organisation twice in one place."""
    problems = []
    people = frame[frame["nik"].ne("")]
    first = people.drop_duplicates("nik").set_index("nik")["baris"]
    for row in people[people.duplicated("nik")].itertuples():
        problems.append(problem("nik_ganda", file, row.baris, "nik", detail=f"pertama di baris {first[row.nik]}"))
    orgs = frame[frame["jenis_entitas"].eq("organisasi") & frame["nik"].eq("")]
    same = orgs.assign(_n=orgs["nama"].str.lower()).duplicated(["jenis_psks", "kode_kecamatan", "kode_desa", "_n"])
    problems += [problem("organisasi_ganda", file, b, "nama") for b in orgs.loc[same, "baris"]]
    return problems


def listing_notes(frame: pd.DataFrame, public: pd.DataFrame, file: str) -> list[Problem]:
    """Who is not listed (minors) and who is listed without a name (no consent), by row number."""
    listed = set(public["id_publik"])
    people = frame[frame["jenis_entitas"].eq("orang")]
    minors = people[~people["id_publik"].isin(listed)]
    unnamed = people[people["persetujuan_publikasi_nama"].ne("ya") & people["id_publik"].isin(listed)]
    notes = []
    if len(minors):
        notes.append(note("anak", file, minors["baris"].tolist(), "tanggal_lahir"))
    if len(unnamed):
        notes.append(note("tanpa_persetujuan", file, unnamed["baris"].tolist(), "persetujuan_publikasi_nama"))
    return notes

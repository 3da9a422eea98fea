"""The synthetic PSKS roster and its public projection.

The roster is invented: names are assembled from common Indonesian name parts, and every private
field (NIK, phone, address, birth date, ...) is random. It exists so that the dashboard's redaction is
exercised on data shaped like a real roster. No real person's data is in it.

The public projection is an allowlist (:data:`ROSTER_PUBLIC_COLUMNS`) built on the server: a name is
shown only for an adult who consented to publication; everything else private is dropped by
construction, because only listed columns are ever copied.
"""

from __future__ import annotations

import random
from datetime import date

import pandas as pd

from dashboard.data import reference
from dashboard.data.schema import ROSTER_PUBLIC_COLUMNS

SEED = 20221221  # HKSN Provinsi Banten 2022
AS_OF = date(2025, 12, 31)
HIDDEN_NAME = "(nama tidak dipublikasikan)"

FIRST_M = ["Ahmad", "Agus", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Iwan", "Joko", "Rudi", "Slamet",
           "Ujang", "Asep", "Yayan", "Dadang", "Entis", "Hasan", "Rahmat", "Wawan", "Yusuf", "Andi", "Ridwan",
           "Syarif", "Tubagus", "Maman", "Saepul", "Heri", "Imam", "Firman", "Arif"]
FIRST_F = ["Siti", "Sri", "Dewi", "Nur", "Ratna", "Yuli", "Lilis", "Euis", "Neneng", "Ani", "Rina", "Wati",
           "Fitri", "Dian", "Ika", "Maya", "Nia", "Tuti", "Eneng", "Ayu", "Lia", "Rohmah", "Iis", "Entin"]
MIDDLE = ["", "", "", "Nur", "Abdul", "Muhammad", "Dwi", "Tri", "Eka", "Sri", "Ade", "Puji"]
LAST = ["Hidayat", "Saputra", "Rahman", "Suryana", "Permana", "Wijaya", "Setiawan", "Kurniawan", "Hasanah",
        "Fauziah", "Rohaeni", "Sulaeman", "Hermawan", "Nugraha", "Maulana", "Anwar", "Hakim", "Syamsudin",
        "Supriatna", "Mulyadi", "Lestari", "Rahmawati", "Susanti", "Jaelani", "Rosidin", "Kusnadi"]
STREETS = ["Jl. Raya", "Kp.", "Jl. Masjid", "Jl. Pasar", "Perum", "Gg. Melati", "Jl. Sukamaju"]
RELIGIONS = ["Islam", "Islam", "Islam", "Islam", "Kristen", "Katolik", "Buddha", "Hindu"]

#: PSKS types of the roster: (code, people or organisation, how many per unit, unit of placement).
PEOPLE_PER_DESA = {"PSM": (3, 7)}
PEOPLE_PER_KABKOTA = {
    "TAGANA": (120, 200), "PENDAMPING_PKH": (180, 330), "PENDAMPING_SOSMAS": (15, 35),
    "PENDAMPING_LANSIA": (10, 25), "PENDAMPING_ANAK": (8, 20), "PENDAMPING_DISABILITAS": (8, 20),
    "LDP": (10, 30), "PELOPOR_PERDAMAIAN": (8, 22),
}
ORGS_PER_KABKOTA = {"LK3": (1, 3), "KSB": (3, 8), "FCU": (1, 4)}


def _person_name(rng: random.Random) -> tuple[str, str]:
    sex = rng.choice("LP")
    first = rng.choice(FIRST_M if sex == "L" else FIRST_F)
    parts = [first, rng.choice(MIDDLE), rng.choice(LAST)]
    return " ".join(p for p in parts if p), sex


def _nik(rng: random.Random, kec_code: str, born: date, sex: str) -> str:
    day = born.day + (40 if sex == "P" else 0)
    # Kemendagri kecamatan digits are not BPS digits; any 6 digits serve a synthetic NIK.
    return f"{kec_code[:4]}{rng.randint(1, 40):02d}{day:02d}{born.month:02d}{born.year % 100:02d}{rng.randint(1, 9999):04d}"


def _birth(rng: random.Random, youngest: int, oldest: int) -> date:
    year = AS_OF.year - rng.randint(youngest, oldest)
    return date(year, rng.randint(1, 12), rng.randint(1, 28))


def _term(rng: random.Random, former: bool = False) -> tuple[date, date, str]:
    """A five-year term: the current holder's (covering the end of 2025) or a former holder's."""
    if former:
        start_year = rng.randint(2013, 2019)
        start = date(start_year, rng.choice([1, 3, 7]), 1)
        return start, date(start_year + rng.choice([3, 5]), start.month, 1), "purna tugas"
    start_year = rng.randint(2016, 2025)
    start = date(start_year, rng.choice([1, 3, 7]), 1)
    end = date(max(start_year + 5, 2026), start.month, 1)
    return start, end, "aktif" if rng.random() > 0.06 else "tidak aktif"


def _sk(rng: random.Random, kind: str, start: date) -> str:
    return f"{rng.randint(100, 999)}/{rng.randint(1, 99)}-{kind[:4].upper()}/Dinsos/{start.year}"


def generate_roster(seed: int = SEED) -> pd.DataFrame:
    """Generate the full synthetic roster, private fields included (about 13-15 thousand rows)."""
    rng = random.Random(seed)
    kec = reference.kecamatan()
    desa = reference.desa()
    rows: list[dict] = []

    def person(kind: str, kode_kab: str, kode_kec: str, kode_desa: str, former: bool = False) -> None:
        name, sex = _person_name(rng)
        # A few young Tagana members are minors: they must never be listed publicly.
        born = _birth(rng, 16 if kind == "TAGANA" and rng.random() < 0.03 else 21, 64)
        start, end, status = _term(rng, former)
        rows.append({
            "jenis_psks": kind, "jenis_entitas": "orang", "nama": name, "jenis_kelamin": sex,
            "kode_kabkota": kode_kab, "kode_kecamatan": kode_kec, "kode_desa": kode_desa,
            "status": status, "periode_mulai": start.isoformat(), "periode_selesai": end.isoformat(),
            "nomor_sk": _sk(rng, kind, start), "tanggal_sk": start.isoformat(),
            "nik": _nik(rng, kode_kec, born, sex), "no_kk": f"{kode_kec[:4]}{rng.randint(10**11, 10**12 - 1)}",
            "telepon": f"08{rng.choice('1235789')}{rng.randint(10**8, 10**9 - 1)}",
            "email": f"{name.split()[0].lower()}{rng.randint(1, 999)}@contoh.invalid",
            "alamat_rumah": f"{rng.choice(STREETS)} {rng.choice(LAST)} No. {rng.randint(1, 120)} RT {rng.randint(1, 15):02d}/RW {rng.randint(1, 9):02d}",
            "tanggal_lahir": born.isoformat(), "agama": rng.choice(RELIGIONS),
            "rekening_bank": f"{rng.randint(10**9, 10**10 - 1)}", "nilai_evaluasi": str(rng.randint(55, 100)),
            "riwayat_kesehatan": rng.choice(["", "", "", "hipertensi", "diabetes"]),
            "persetujuan_publikasi_nama": "ya" if rng.random() < 0.85 else "tidak",
        })

    def organisation(kind: str, label: str, kode_kab: str, kode_kec: str, kode_desa: str) -> None:
        start, end, status = _term(rng)
        rows.append({
            "jenis_psks": kind, "jenis_entitas": "organisasi", "nama": label, "jenis_kelamin": "",
            "kode_kabkota": kode_kab, "kode_kecamatan": kode_kec, "kode_desa": kode_desa,
            "status": status, "periode_mulai": start.isoformat(), "periode_selesai": end.isoformat(),
            "nomor_sk": _sk(rng, kind, start), "tanggal_sk": start.isoformat(),
            "nik": "", "no_kk": "", "telepon": f"08{rng.randint(10**9, 10**10 - 1)}", "email": "",
            "alamat_rumah": "", "tanggal_lahir": "", "agama": "", "rekening_bank": "", "nilai_evaluasi": "",
            "riwayat_kesehatan": "", "persetujuan_publikasi_nama": "ya",
        })

    for k in kec.itertuples():
        person("TKSK", k.kode_bps_kabkota, k.kode_bps, "")
        if rng.random() < 0.4:
            person("TKSK", k.kode_bps_kabkota, k.kode_bps, "", former=True)
    for d in desa.itertuples():
        kab = d.kode_bps[:4]
        for _ in range(rng.randint(*PEOPLE_PER_DESA["PSM"])):
            person("PSM", kab, d.kode_bps_kecamatan, d.kode_bps)
        organisation("KARANG_TARUNA", f"Karang Taruna {d.nama}", kab, d.kode_bps_kecamatan, d.kode_bps)
    for kab in reference.kabkota().kode_bps:
        kab_kec = kec[kec.kode_bps_kabkota == kab].kode_bps.tolist()
        for kind, (lo, hi) in PEOPLE_PER_KABKOTA.items():
            for _ in range(rng.randint(lo, hi)):
                person(kind, kab, rng.choice(kab_kec), "")
        for kind, (lo, hi) in ORGS_PER_KABKOTA.items():
            for i in range(rng.randint(lo, hi)):
                kode_kec = rng.choice(kab_kec)
                label = {"LK3": "LK3", "KSB": "Kampung Siaga Bencana", "FCU": "Family Care Unit"}[kind]
                place = kec.loc[kec.kode_bps == kode_kec, "nama"].iloc[0]
                organisation(kind, f"{label} {place}" + (f" {i + 1}" if kind != "KSB" else f" {i + 1}"), kab, kode_kec, "")

    frame = pd.DataFrame(rows)
    frame.insert(0, "id_publik", [f"PSKS-{i:05d}" for i in range(1, len(frame) + 1)])
    return frame


def is_adult(birth: pd.Series, as_of: date = AS_OF) -> pd.Series:
    """True where the birth date is known and the person is 18 or older on ``as_of``."""
    # ISO only: a guessing parser (dateutil) would read "05-06-2010" one way or another and warns.
    # Anything that is not an ISO date counts as unknown, so the person is treated as a minor.
    born = pd.to_datetime(birth, format="%Y-%m-%d", errors="coerce")
    eighteenth = born + pd.DateOffset(years=18)
    return eighteenth.le(pd.Timestamp(as_of)).fillna(False).astype(bool)


def public_projection(roster: pd.DataFrame, as_of: date = AS_OF) -> pd.DataFrame:
    """The publishable roster: allowlisted columns only, names only for consenting adults.

    Age is counted on ``as_of`` (the synthetic roster's date; a real import passes its import date).

    Organisations keep their names (an organisation is not a person). A person's name is replaced by
    :data:`HIDDEN_NAME` unless ``persetujuan_publikasi_nama == "ya"`` and the person is an adult.
    """
    is_org = roster["jenis_entitas"].eq("organisasi")
    adult = is_adult(roster["tanggal_lahir"], as_of)
    may_show = is_org | (roster["persetujuan_publikasi_nama"].eq("ya") & adult)
    minors = ~is_org & ~adult
    public = pd.DataFrame({col: roster[col] for col in ROSTER_PUBLIC_COLUMNS if col != "nama"})
    public.insert(1, "nama", roster["nama"].where(may_show, HIDDEN_NAME))
    # Minors are not listed at all ("data anak" is specific personal data, UU 27/2022 Pasal 4).
    return public.loc[~minors, ROSTER_PUBLIC_COLUMNS].reset_index(drop=True)

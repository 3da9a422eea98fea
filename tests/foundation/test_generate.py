"""Demonstration data (status ``contoh``): reproducible, never in a release, series of its own, bounded
by real denominators, consistent across levels, labelled, and in step with the synthetic roster."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from dashboard.data import build, provenance, reference
from dashboard.settings import CONTOH_DIR

KEY = ["indicator", "program", "kode_wilayah", "year"]
KABKOTA = set(reference.kabkota().kode_bps)

#: Programmes and PSKS named in the HKSN 2022 seed article (shared/context/seed_hksn_2022.txt).
SEED_PROGRAMMES = ["JSOD", "JSLU", "JSANAK", "UPSK", "COTA", "ODGJ", "PROTESA", "ABD"]
SEED_PSKS = ["TKSK", "PSM", "KARANG_TARUNA", "LK3", "FCU", "PENDAMPING_SOSMAS", "PENDAMPING_LANSIA",
             "PENDAMPING_ANAK", "PENDAMPING_DISABILITAS", "TAGANA", "PENDAMPING_PKH", "LDP",
             "PELOPOR_PERDAMAIAN", "KSB"]
YEARS = list(range(2018, 2026))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def resmi(default_release) -> pd.DataFrame:
    stats = default_release.statistics
    return stats[stats.displayed & stats.year.notna()]


@pytest.fixture(scope="module")
def contoh() -> pd.DataFrame:
    return build.demo_statistics()


@pytest.fixture(scope="module")
def shown(contoh) -> pd.DataFrame:
    return contoh[contoh.displayed & contoh.year.notna()]


def test_generate_reproduces_the_committed_files_byte_for_byte(tmp_path):
    counts = build.generate(out_dir=tmp_path)
    for name in (build.CONTOH_STATS.name, build.CONTOH_ROSTER.name):
        fresh = (tmp_path / name).read_bytes()
        assert sha256(fresh) == sha256((CONTOH_DIR / name).read_bytes()), name
        meta = provenance.read_meta(CONTOH_DIR / name)
        assert meta["sha256"] == sha256(fresh), f"{name}.meta.yml is stale"
        assert meta["rows"] == counts[name] == fresh.count(b"\n") - 1


def test_the_published_release_holds_no_generated_figure(default_release, contoh):
    assert set(default_release.statistics["status"]) == {"resmi"}
    assert not set(default_release.statistics["fig_id"]) & set(contoh["fig_id"])
    assert set(contoh["status"]) == {"contoh"} and set(contoh["source_type"]) == {"contoh"}
    assert not contoh["source_title"].str.contains(r"\.py|/", regex=True).any(), "a file path as a source title"


def test_every_contoh_row_is_labelled(contoh):
    assert len(contoh) > 1000
    assert contoh["note"].str.contains("DATA CONTOH").all()
    assert contoh["source_url"].eq("").all() and contoh["quote"].eq("").all()


def test_committed_contoh_file_is_all_contoh():
    frame = pd.read_csv(build.CONTOH_STATS, dtype=str, keep_default_na=False)
    assert frame["status"].eq("contoh").all()
    assert frame["note"].str.contains("DATA CONTOH").all()


def test_recipients_stay_below_poor_residents_and_population(resmi, contoh):
    poor = resmi[(resmi.indicator == "penduduk_miskin") & (resmi.year == 2023) & (resmi.period == "")
                 ].set_index("kode_wilayah")["value"]
    people = resmi[resmi.indicator == "jumlah_penduduk_sp2020"].set_index("kode_wilayah")["value"]
    assert set(poor.index) >= KABKOTA and set(people.index) >= KABKOTA
    recipients = contoh[(contoh.indicator == "penerima") & contoh.kode_wilayah.isin(KABKOTA)]
    assert len(recipients) > 100
    assert (recipients["value"] <= recipients["kode_wilayah"].map(poor)).all()
    assert (recipients["value"] <= recipients["kode_wilayah"].map(people)).all()


def _explained(group: pd.DataFrame, indicator: str) -> bool:
    """An all-published disagreement is acceptable only when the data says why (CONTEXT flags 1-2)."""
    additive = reference.indicators().set_index("kode").at[indicator, "agregasi"] == "jumlah"
    province = group[group.kode_wilayah == "36"]
    return (not additive) or group["precision"].notna().any() or province["note"].str.len().gt(0).any()


def test_published_kabkota_totals_that_differ_from_the_province_say_why(resmi):
    for (indicator, program, year, _period, _unit), group in resmi.groupby(["indicator", "program", "year", "period",
                                                                             "unit"]):
        kab = group[group.kode_wilayah.isin(KABKOTA)]
        province = group[group.kode_wilayah == "36"]
        if len(kab) < 8 or province.empty:
            continue
        # e.g. BLT BBM 2022 (75.614 vs 75.613): published figures are kept as published, with a note.
        if (province["value"] != kab["value"].sum()).any():
            assert _explained(group, indicator), (indicator, program, year)


def test_kabkota_add_up_to_the_province(shown):
    checked = 0
    for (indicator, program, year, _period), group in shown.groupby(["indicator", "program", "year", "period"]):
        kab = group[group.kode_wilayah.isin(KABKOTA)].drop_duplicates("kode_wilayah")
        province = group[group.kode_wilayah == "36"]
        if len(kab) < 8 or province.empty:
            continue
        total = kab["value"].sum()
        assert (province["value"] == total).all(), (indicator, program, year, total, province["value"].tolist())
        checked += 1
    assert checked > 100


def test_kecamatan_add_up_to_their_kabkota(shown):
    kec_ref = reference.kecamatan().groupby("kode_bps_kabkota")["kode_bps"].apply(set)
    kec = shown[shown.kode_wilayah.str.len() == 7]
    assert len(kec) > 1000
    for (indicator, program, year), group in kec.groupby(["indicator", "program", "year"]):
        kab = shown[(shown.indicator == indicator) & (shown.program == program) & (shown.year == year)
                    & shown.kode_wilayah.isin(KABKOTA)].set_index("kode_wilayah")["value"]
        for kab_code, rows in group.groupby(group.kode_wilayah.str[:4]):
            assert set(rows["kode_wilayah"]) == kec_ref[kab_code], (indicator, program, year, kab_code)
            assert rows["value"].sum() == kab[kab_code], (indicator, program, year, kab_code)


@pytest.mark.parametrize("program", SEED_PROGRAMMES + ["PUB"] + SEED_PSKS)
def test_seed_programmes_cover_2018_to_2025(shown, program):
    rows = shown[shown.program == program]
    province_years = set(rows.loc[rows.kode_wilayah == "36", "year"].astype(int))
    assert set(YEARS) <= province_years
    if program == "PUB":  # permits are issued by the province only
        return
    kab = rows[rows.kode_wilayah.isin(KABKOTA)]
    per_year = kab.groupby("year")["kode_wilayah"].nunique()
    assert all(per_year.get(y, 0) == 8 for y in YEARS), per_year.to_dict()


def _active_counts(roster: pd.DataFrame, year: int) -> pd.Series:
    """Independent count: people/organisations whose term covers 31 December and who are not inactive."""
    end = pd.Timestamp(year, 12, 31)
    start = pd.to_datetime(roster["periode_mulai"])
    stop = pd.to_datetime(roster["periode_selesai"])
    active = roster[(start <= end) & (stop > end) & (roster["status"] != "tidak aktif")]
    return active.groupby(["jenis_psks", "kode_kabkota"]).size()


def test_psks_counts_equal_the_roster(contoh, full_roster):
    psks = contoh[(contoh.indicator == "jumlah_psks") & contoh.kode_wilayah.isin(KABKOTA)]
    assert set(psks["program"]) == set(full_roster["jenis_psks"])
    for year, rows in psks.groupby("year"):
        counts = _active_counts(full_roster, int(year))
        expected = [counts.get((p, k), 0) for p, k in zip(rows.program, rows.kode_wilayah, strict=True)]
        assert rows["value"].astype(int).tolist() == expected, year


def test_tksk_count_is_at_most_one_per_kecamatan(shown):
    tksk = shown[(shown.program == "TKSK") & (shown.kode_wilayah == "36") & shown.year.notna()]
    assert (tksk["value"] <= len(reference.kecamatan())).all()

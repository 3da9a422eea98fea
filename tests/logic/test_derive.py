"""Derived tables within one series, on small inline frames, checked against independent computations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.data import reference
from dashboard.logic import derive, population
from dashboard.logic.series import SeriesKey
from tests.logic.figframe import frame

KAB = list(reference.kabkota()["kode_bps"])  # 3601..3674
PANDEGLANG_KEC = list(reference.kecamatan().query("kode_bps_kabkota == '3601'")["kode_bps"])
UEP = SeriesKey("penerima", "UEP", "KPM")


@pytest.fixture()
def uep() -> pd.DataFrame:
    return frame(
        {"kode_wilayah": "36", "value": 2720.0, "year": 2022},
        {"kode_wilayah": "3601", "value": 470.0, "year": 2022},
        {"kode_wilayah": "3601", "value": 470.0, "year": 2022, "displayed": False, "source_title": "Duplikat"},
        {"kode_wilayah": "3602", "value": 235.0, "year": 2022},
        {"kode_wilayah": "3602", "value": 100.0, "year": 2022, "unit": "pedagang kecil"},
        {"kode_wilayah": "3671", "value": 650.0, "year": 2022, "status": "contoh"},
        {"kode_wilayah": "3602", "value": 999.0, "year": 2021},
        {"kode_wilayah": "3603", "value": 940.0, "year": None},
        {"kode_wilayah": PANDEGLANG_KEC[0], "value": 20.0, "year": 2022},
        {"kode_wilayah": PANDEGLANG_KEC[1], "value": 30.0, "year": 2022},
        {"kode_wilayah": "3602", "value": 5.0, "year": 2022, "program": "JSLU"},
    )


def test_slice_keeps_every_kabkota_and_only_its_own_series(uep):
    out = derive.slice_regions(uep, UEP, 2022, "kabkota")
    assert out["kode_wilayah"].tolist() == KAB
    values = dict(zip(out.kode_wilayah, out.value, strict=True))
    # Lebak's 100 pedagang kecil (another unit) and Kota Tangerang's DATA CONTOH (another status) stay out.
    assert values["3601"] == 470.0 and values["3602"] == 235.0 and np.isnan(values["3671"])
    assert all(np.isnan(values[c]) for c in KAB if c not in ("3601", "3602"))
    assert out.loc[out.value.isna(), "status"].eq("").all()
    other = derive.slice_regions(uep, SeriesKey("penerima", "UEP", "pedagang kecil"), 2022, "kabkota")
    assert other["value"].sum() == 100.0


def test_slice_of_kecamatan_within_one_kabkota(uep):
    out = derive.slice_regions(uep, UEP, 2022, "kecamatan", within="3601")
    assert out["kode_wilayah"].tolist() == PANDEGLANG_KEC
    assert out["value"].notna().sum() == 2 and out["value"].sum() == 50.0


def test_slice_refuses_two_displayed_figures_instead_of_picking_one(uep):
    clash = pd.concat([uep, frame({"kode_wilayah": "3601", "value": 471.0, "year": 2022})], ignore_index=True)
    with pytest.raises(ValueError, match="dua angka tampil"):
        derive.slice_regions(clash, UEP, 2022, "kabkota")


@pytest.mark.parametrize(("values", "ranks"), [([3.0, 1.0, 2.0], [1, 3, 2]), ([2.0, 2.0, 1.0], [1, 1, 3]),
                                               ([1.0, np.nan, 2.0], [2, pd.NA, 1])])
def test_rank_one_is_highest_ties_share_missing_has_none(values, ranks):
    out = derive.add_rank(pd.DataFrame({"value": values}))
    assert out["rank"].tolist() == ranks


@pytest.mark.parametrize(("statuses", "summary"), [(["resmi"], "resmi"), (["contoh", ""], "contoh"),
                                                   (["resmi", "contoh"], "campuran"), ([""], "")])
def test_status_summary(statuses, summary):
    assert derive.status_summary(pd.Series(statuses)) == summary


def test_trend_changes_only_within_the_series(uep):
    more = pd.concat([uep, frame({"kode_wilayah": "3602", "value": 403.0, "year": 2025, "status": "contoh"})])
    out = derive.trend(more, UEP, ["3602"])
    assert out["year"].tolist() == [2021, 2022]  # the 2025 DATA CONTOH figure is another series
    assert out["change_pct"].iloc[-1] == pytest.approx((235 - 999) / 999 * 100)
    assert out["change"].iloc[0].reason == "no_previous"


def test_trend_marks_a_change_of_source():
    out = derive.trend(frame({"year": 2022}, {"year": 2023, "source_title": "Sumber B"}), UEP, ["36"])
    assert out["source_changed"].tolist() == [False, True]


def test_region_profile_ranks_among_the_eight_and_marks_history():
    rows = [{"kode_wilayah": c, "value": float(i + 1), "year": 2023} for i, c in enumerate(KAB)]
    rows += [{"kode_wilayah": "3601", "value": 5.0, "year": 2013, "indicator": "jumlah_psks", "program": "TKSK",
              "unit": "orang"}]
    profile = derive.region_profile(frame(*rows), "3601")
    uep_row = profile[profile.program == "UEP"].iloc[0]
    assert uep_row["rank"] == 8 and uep_row["peers"] == 8 and not uep_row["history"]
    tksk = profile[profile.program == "TKSK"].iloc[0]
    assert tksk["history"] and pd.isna(tksk["rank"])


def test_denominator_prefers_the_same_year_else_names_the_nearest():
    people = [{"indicator": "jumlah_penduduk_sp2020", "program": "", "unit": "jiwa", "kode_wilayah": c,
               "year": 2020, "value": 1000.0 * (i + 1)} for i, c in enumerate(KAB)]
    stats = frame(*people)
    chosen = population.choose(stats, 2024, KAB)
    assert chosen.year == 2020 and "Sensus Penduduk 2020" in chosen.label(1000, 2024, "id")
    assert "bukan 2024" in chosen.label(1000, 2024, "id")
    projected = [{**p, "indicator": "jumlah_penduduk_proyeksi_bps", "year": 2024, "value": p["value"] * 1.1}
                 for p in people]
    chosen = population.choose(frame(*people, *projected), 2024, KAB)
    assert chosen.key.indicator == "jumlah_penduduk_proyeksi_bps" and chosen.year == 2024
    assert "bukan" not in chosen.label(1000, 2024, "id")
    assert population.choose(frame(*people[:7]), 2024, KAB) is None  # Tangsel missing: no denominator


def test_rate_against_an_independent_computation():
    people = [{"indicator": "jumlah_penduduk_sp2020", "program": "", "unit": "jiwa", "kode_wilayah": c,
               "year": 2020, "value": 1000.0 * (i + 1)} for i, c in enumerate(KAB)]
    chosen = population.choose(frame(*people), 2020, KAB)
    slice_ = pd.DataFrame({"kode_wilayah": KAB, "value": [10.0] * 8})
    out = population.add_rate(slice_, chosen, 1000)
    assert out["rate"].tolist() == pytest.approx([10 / (1000 * (i + 1)) * 1000 for i in range(8)])

"""Derived tables on small inline statistics frames, checked against independent computations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.data import reference
from dashboard.logic import derive
from tests.foundation.statframe import stat_frame

KAB = list(reference.kabkota()["kode_bps"])  # 3601..3674
PANDEGLANG_KEC = list(reference.kecamatan().query("kode_bps_kabkota == '3601'")["kode_bps"])


@pytest.fixture()
def uep() -> pd.DataFrame:
    return stat_frame([
        {"kode_wilayah": "36", "value": 2720.0},
        {"kode_wilayah": "3601", "value": 470.0},
        {"kode_wilayah": "3601", "value": 470.0, "displayed": False, "source_title": "Duplikat"},
        {"kode_wilayah": "3602", "value": 235.0},
        {"kode_wilayah": "3671", "value": 650.0, "status": "contoh"},
        {"kode_wilayah": "3602", "value": 999.0, "year": 2021},
        {"kode_wilayah": "3603", "value": 940.0, "year": None},
        {"kode_wilayah": PANDEGLANG_KEC[0], "value": 20.0, "status": "contoh"},
        {"kode_wilayah": PANDEGLANG_KEC[1], "value": 30.0, "status": "contoh"},
        {"kode_wilayah": "3602", "value": 5.0, "program": "JSLU"},
    ])


def test_slice_keeps_every_kabkota_with_nan_for_missing(uep):
    out = derive.slice_regions(uep, "penerima", "UEP", 2022, "kabkota")
    assert out["kode_wilayah"].tolist() == KAB
    values = dict(zip(out.kode_wilayah, out.value, strict=True))
    assert values["3601"] == 470.0 and values["3602"] == 235.0 and values["3671"] == 650.0
    assert all(np.isnan(values[c]) for c in KAB if c not in ("3601", "3602", "3671"))
    assert out.loc[out.value.isna(), "status"].eq("").all()
    assert out.set_index("kode_wilayah").at["3671", "status"] == "contoh"
    assert out["nama"].notna().all()


def test_slice_of_kecamatan_within_one_kabkota(uep):
    out = derive.slice_regions(uep, "penerima", "UEP", 2022, "kecamatan", within="3601")
    assert out["kode_wilayah"].tolist() == PANDEGLANG_KEC
    assert out["value"].notna().sum() == 2 and out["value"].sum() == 50.0
    assert out["kode_kabkota"].eq("3601").all()


def test_slice_with_no_figures_still_lists_the_regions(uep):
    out = derive.slice_regions(uep, "penerima", "UEP", 2019, "kabkota")
    assert len(out) == 8 and out["value"].isna().all()


@pytest.fixture()
def population() -> pd.DataFrame:
    people = [1_272_687, 1_386_793, 3_245_619, 1_622_630, 1_895_486, 434_896, 692_101]  # no Tangsel
    frame = stat_frame(
        [{"indicator": "jumlah_penduduk_sp2020", "program": "", "kode_wilayah": c, "year": 2020, "value": float(v),
          "unit": "jiwa"} for c, v in zip(KAB, people, strict=False)]
        + [{"indicator": "jumlah_penduduk_dukcapil", "program": "", "kode_wilayah": "3601", "year": y,
            "value": v, "unit": "jiwa"} for y, v in [(2023, 1.4e6), (2024, 1_437_046.0)]]
    )
    return frame


@pytest.mark.parametrize("per", [1000, 10000])
def test_rate_per_residents_against_an_independent_computation(uep, population, per):
    pop = derive.population(population, "sp2020")
    assert pop.year == 2020 and "Sensus" in pop.source
    out = derive.add_rate(derive.slice_regions(uep, "penerima", "UEP", 2022, "kabkota"), pop, per)
    residents = population.set_index("kode_wilayah").query("indicator == 'jumlah_penduduk_sp2020'")["value"]
    for row in out.itertuples():
        if row.kode_wilayah in residents.index and not np.isnan(row.value):
            assert row.rate == pytest.approx(row.value / residents[row.kode_wilayah] * per)
            assert row.penduduk == residents[row.kode_wilayah]
        else:
            assert np.isnan(row.rate)
    assert out.set_index("kode_wilayah").at["3601", "rate"] == pytest.approx(470 / 1_272_687 * per)


def test_dukcapil_population_is_the_december_2024_series(population):
    pop = derive.population(population, "dukcapil2024")
    assert pop.year == 2024 and pop.values.to_dict() == {"3601": 1_437_046.0}


@pytest.mark.parametrize(
    ("values", "ranks"),
    [
        ([10.0, 30.0, 30.0, np.nan, 5.0], [3, 1, 1, None, 4]),
        ([1.0, 2.0, 3.0], [3, 2, 1]),
        ([np.nan, np.nan], [None, None]),
        ([7.0, 7.0, 7.0], [1, 1, 1]),
    ],
)
def test_rank_one_is_highest_ties_share_missing_has_none(values, ranks):
    out = derive.add_rank(pd.DataFrame({"value": values}))
    assert [None if pd.isna(r) else int(r) for r in out["rank"]] == ranks
    assert str(out["rank"].dtype) == "Int64"


@pytest.mark.parametrize(
    ("statuses", "summary"),
    [
        (["resmi", "resmi"], "resmi"),
        (["contoh"], "contoh"),
        (["resmi", "contoh", ""], "campuran"),
        (["", None, np.nan], ""),
        ([], ""),
        (["resmi", ""], "resmi"),
    ],
)
def test_status_summary(statuses, summary):
    assert derive.status_summary(pd.Series(statuses, dtype=object)) == summary


@pytest.fixture()
def series() -> pd.DataFrame:
    rows = []
    for code, values in {"3601": {2020: 100.0, 2021: 150.0, 2023: 120.0}, "3602": {2021: 40.0, 2022: 50.0}}.items():
        for year, value in values.items():
            published = not (code == "3601" and year == 2023)
            rows.append({"kode_wilayah": code, "year": year, "value": value,
                         "status": "resmi" if published else "contoh",
                         "source_title": "Sumber A" if published else "Data contoh"})
    rows.append({"kode_wilayah": "3602", "year": 2022, "value": 55.0, "displayed": False})
    return stat_frame(rows)


def test_trend_changes_against_the_previous_available_year(series):
    out = derive.trend(series, "penerima", "UEP", ["3601", "3602"])
    by = out.set_index(["kode_wilayah", "year"])
    assert len(out) == 5
    assert np.isnan(by.at[("3601", 2020), "change_pct"])
    assert by.at[("3601", 2021), "change_pct"] == pytest.approx((150 - 100) / 100 * 100)
    assert by.at[("3601", 2023), "change_pct"] == pytest.approx((120 - 150) / 150 * 100)
    assert by.at[("3601", 2023), "prev_year"] == 2021
    assert by.at[("3602", 2022), "value"] == 50.0  # the displayed figure, not the hidden one
    assert by.at[("3602", 2022), "change_pct"] == pytest.approx(25.0)


def test_trend_marks_a_change_of_source_or_status(series):
    out = derive.trend(series, "penerima", "UEP", ["3601", "3602"])
    changed = out.loc[out.source_changed, ["kode_wilayah", "year"]].values.tolist()
    assert changed == [["3601", 2023]]


def test_trend_of_regions_without_figures_is_empty(series):
    assert derive.trend(series, "penerima", "UEP", ["3673"]).empty


@pytest.fixture()
def province() -> pd.DataFrame:
    rows = [{"value": v, "year": y} for y, v in [(2021, 1900.0), (2022, 2720.0), (2023, 6200.0)]]
    rows.append({"value": 6600.0, "year": 2023, "displayed": False})
    rows += [{"program": "JSK", "year": y, "value": v, "unit": "keluarga"} for y, v in [(2023, 27500.0),
                                                                                         (2025, 37741.0)]]
    rows.append({"program": "JSLU", "year": 2025, "value": 3000.0, "status": "contoh"})
    rows.append({"program": "JSLU", "year": 2024, "value": 2900.0, "status": "contoh", "kode_wilayah": "3601"})
    return stat_frame(rows)


def test_headlines_pick_the_latest_year_and_the_year_before(province):
    out = derive.headlines(province).set_index("program")
    assert out.at["UEP", "year"] == 2023 and out.at["UEP", "value"] == 6200.0
    assert out.at["UEP", "prev_year"] == 2022 and out.at["UEP", "prev_value"] == 2720.0
    assert out.at["JSK", "year"] == 2025 and pd.isna(out.at["JSK", "prev_value"])  # 2024 has no figure
    assert out.at["JSLU", "status"] == "contoh" and pd.isna(out.at["JSLU", "prev_year"])
    assert "TKSK" not in out.index  # no figure, no headline


def test_headlines_up_to_a_year(province):
    out = derive.headlines(province, up_to=2022).set_index("program")
    assert out.at["UEP", "year"] == 2022 and out.at["UEP", "prev_value"] == 1900.0
    assert "JSK" not in out.index


def test_series_label_names_indicator_and_programme():
    assert derive.series_label("penerima", "UEP") == "Jumlah penerima — Usaha Ekonomi Produktif (UEP)"
    assert derive.series_label("penerima", "UEP", "en").startswith("Number of recipients — ")
    assert derive.series_label("penduduk_miskin", "") == "Penduduk miskin"


def test_series_catalogue_lists_mappable_series(uep):
    out = derive.series_catalogue(uep).set_index("program")
    assert out.at["UEP", "years"] == [2021, 2022] and out.at["UEP", "kecamatan_years"] == [2022]
    assert out.at["UEP", "statuses"] == ["contoh", "resmi"]
    assert out.at["JSLU", "years"] == [2022]


def test_region_profile_ranks_among_the_eight():
    values = [10.0, 80.0, 30.0, 40.0, 50.0, 60.0, 70.0, 20.0]
    frame = stat_frame([{"kode_wilayah": c, "value": v} for c, v in zip(KAB, values, strict=True)]
                       + [{"kode_wilayah": "3602", "program": "JSK", "value": 5.0}])
    profile = derive.region_profile(frame, "3602").set_index("program")
    assert profile.at["UEP", "rank"] == 1 and profile.at["UEP", "peers"] == 8
    assert pd.isna(profile.at["JSK", "rank"])  # one region of eight: no rank
    assert derive.region_profile(frame, "3601").set_index("program").at["UEP", "rank"] == 8

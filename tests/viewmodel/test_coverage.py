"""Coverage of the published figures (Metodologi) and every indicator reaching every surface."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import reference
from dashboard.logic import search, series
from dashboard.viewmodel import coverage, mapview, profile, trend

KAB = list(reference.kabkota()["kode_bps"])
#: Every indicator is found by its Indonesian and by its English name.
SEARCH_LANGS = ("id", "en")


def test_coverage_counts_equal_pandas_and_names_the_gaps(published):
    stats = published.statistics
    table = coverage.coverage(stats).set_index("kode")
    shown = stats[stats["displayed"]]
    progs = reference.programs()
    assert set(progs["kode"]) <= set(table.index)  # every catalogue entry, published or not
    for code in progs["kode"]:
        own = shown[shown["program"] == code]
        assert table.at[code, "angka"] == len(own), code
        if own.empty:
            assert table.at[code, "tahun"] == "belum ada angka terbit"
        else:
            assert table.at[code, "terakhir"] == int(own["year"].max())
            assert table.at[code, "kabkota"] == own.loc[own["kode_wilayah"].str.len() == 4, "kode_wilayah"].nunique()
    assert (table["tahun"] == "belum ada angka terbit").any()  # the gaps are visible
    assert coverage._years([2018, 2019, 2020, 2023, 2025]) == "2018–2020, 2023, 2025"


def _indicators_with_figures(stats: pd.DataFrame) -> list[str]:
    shown = stats[stats["displayed"] & stats["year"].notna()]
    return sorted(set(shown["indicator"]))


def test_every_published_indicator_reaches_every_surface(published):
    """Each indicator with a published figure: in the coverage table, found by Cari Angka by its
    Indonesian and its English name, on Peta when it has kab/kota figures, on Tren when it has more than
    one year, and in the Wilayah profile of a kab/kota it has a figure for."""
    stats = published.statistics
    cat = series.catalogue(stats)
    index = search.build_index(stats)
    covered = " ".join(coverage.coverage(stats)["indikator"]) + " " + " ".join(coverage.coverage(stats)["nama"])
    names = reference.indicators().set_index("kode")
    for indicator in _indicators_with_figures(stats):
        assert names.at[indicator, "nama"] in covered, indicator
        for lang in SEARCH_LANGS:
            found = search.search(index, names.at[indicator, "nama" if lang == "id" else "nama_en"], limit=10)
            assert indicator in set(found["indicator"]), (indicator, lang)
        rows = cat[cat["indicator"] == indicator]
        for row in rows.itertuples():
            if row.years:
                view = mapview.map_view(stats, row.key, row.years[-1], "kabkota", "count", "quantiles", None, "id", "")
                assert view.frame["value"].notna().any(), row.code
            if len(row.all_years) > 1:
                assert not trend.trend_view(stats, row.key, ["36", *KAB], "id", "").empty, row.code
        kab = stats[(stats["indicator"] == indicator) & stats["displayed"] & stats["kode_wilayah"].isin(KAB)]
        if len(kab):
            view = profile.profile_view(stats, kab["kode_wilayah"].iloc[0], "id")
            assert indicator in {r.indicator for r in view.rows}, indicator


@pytest.mark.parametrize("code", ["ipm", "ipm_metode_lama"])
def test_the_two_ipm_methods_are_two_series_never_one_line(published, code):
    stats = published.statistics
    cat = series.catalogue(stats)
    assert set(cat.loc[cat["indicator"] == code, "unit"]) == {"indeks"}
    view = trend.trend_view(stats, cat.loc[cat["indicator"] == code, "key"].iloc[0], ["36", *KAB], "id", "")
    assert set(view.frame["fig_id"]) <= set(stats.loc[stats["indicator"] == code, "fig_id"])

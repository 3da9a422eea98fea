"""Every series, year and level of both modes through the view models (cheap, so swept wide).

Each map view is checked against an independent pandas filter of the release; no view mixes
statuses; the published mode never shows a generated figure; rates name their denominator.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.logic import series
from dashboard.viewmodel import home, mapview, profile, trend

DATA_PER = "1 Desember 2026"


def _expected(stats: pd.DataFrame, key: series.SeriesKey, year: int, length: int) -> dict[str, float]:
    rows = stats[stats["displayed"] & (stats["indicator"] == key.indicator) & (stats["program"] == key.program)
                 & (stats["unit"] == key.unit) & (stats["period"] == key.period) & (stats["status"] == key.status)
                 & (stats["year"] == year) & (stats["kode_wilayah"].str.len() == length)]
    return dict(zip(rows["kode_wilayah"], rows["value"], strict=True))


def test_every_map_view_of_both_modes(any_mode):
    stats = any_mode.statistics
    cat = series.catalogue(stats)
    checked = 0
    for row in cat.itertuples():
        for level, years, length in (("kabkota", row.years, 4), ("kecamatan", row.kecamatan_years, 7)):
            for year in years:
                measures = ["count", "rate_1000"] if level == "kabkota" and mapview.per_capita(row.indicator) else ["count"]
                for measure in measures:
                    view = mapview.map_view(stats, row.key, year, level, measure, "quantiles", None, "id", DATA_PER)
                    shown = view.frame.dropna(subset=["value"])
                    assert dict(zip(shown["kode_wilayah"], shown["value"], strict=True)) == \
                        _expected(stats, row.key, year, length), (row.code, year, level)
                    assert set(shown["status"]) == {row.status}, "one series, one status"
                    if view.value_col == "rate":
                        assert view.denominator is not None and "penduduk" in view.meta.unit
                    assert view.csv.startswith(b"\xef\xbb\xbf")
                    checked += 1
    assert checked > 20


def test_published_mode_has_no_generated_figure(published):
    assert set(published.statistics["status"]) == {"resmi"}
    assert published.roster.empty
    cards = home.headline_cards(published.statistics, "id")
    assert cards and {c.status for c in cards} == {"resmi"}
    assert all(c.year >= series.CURRENT_FROM for c in cards)
    featured = home.featured(published.statistics)
    assert featured is not None and featured.status == "resmi" and featured.table["value"].notna().all()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_trend_and_every_profile(any_mode, lang):
    stats = any_mode.statistics
    codes = ["36", "3601", "3602", "3603", "3604", "3671", "3672", "3673", "3674"]
    for row in series.catalogue(stats).itertuples():
        view = trend.trend_view(stats, row.key, codes, lang, DATA_PER)
        assert set(view.frame["status"]) <= {row.status}
        assert len(view.sentences) == view.frame["kode_wilayah"].nunique()
    for code in codes[1:]:
        view = profile.profile_view(stats, code, lang)
        assert len({r.fig_id for r in view.rows}) == len(view.rows)
        for r in view.rows:
            assert r.value_text and r.when

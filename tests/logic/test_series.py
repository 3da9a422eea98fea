"""Series identity: indicator, programme, unit, period and status; codes for URLs."""

from __future__ import annotations

import pytest

from dashboard.logic import series
from dashboard.logic.series import SeriesKey
from tests.logic.figframe import frame


@pytest.mark.parametrize(
    ("key", "code"),
    [(SeriesKey("penerima", "UEP", "KPM"), "penerima:UEP:KPM"),
     (SeriesKey("persentase_penduduk_miskin", "", "persen", "Maret"), "persentase_penduduk_miskin::persen:Maret"),
     (SeriesKey("penerima", "UEP", "KPM", "", "contoh"), "penerima:UEP:KPM~contoh"),
     (SeriesKey("luas_wilayah"), "luas_wilayah")],
)
def test_codes_round_trip(key, code):
    assert key.code == code
    assert SeriesKey.from_code(code) == key


@pytest.mark.parametrize("bad", ["", ":UEP", "a:b:c:d:e", "x<script>", "a\nb"])
def test_malformed_codes_are_refused(bad):
    with pytest.raises(ValueError):
        series.parse_code(bad)


def test_units_periods_and_statuses_are_separate_series():
    stats = frame({"unit": "KPM"}, {"unit": "pedagang kecil", "kode_wilayah": "3602"},
                  {"status": "contoh"}, {"indicator": "penduduk_miskin", "program": "", "unit": "jiwa", "period": "Maret"},
                  {"indicator": "penduduk_miskin", "program": "", "unit": "jiwa", "period": "September"})
    cat = series.catalogue(stats)
    assert len(cat) == 5
    labels = dict(zip(cat["code"], cat["label"], strict=True))
    assert "(KPM)" in labels["penerima:UEP:KPM"] and "(pedagang kecil)" in labels["penerima:UEP:pedagang kecil"]
    assert labels["penerima:UEP:KPM~contoh"].endswith("DATA CONTOH")
    assert "Maret" in labels["penduduk_miskin::jiwa:Maret"]


def test_a_short_code_resolves_to_the_published_series_with_most_figures():
    stats = frame({"year": 2023}, {"year": 2024}, {"unit": "pedagang kecil"},
                  *({"status": "contoh", "year": y} for y in range(2018, 2026)))
    cat = series.catalogue(stats)
    assert series.resolve(cat, "penerima:UEP") == SeriesKey("penerima", "UEP", "KPM")
    assert series.resolve(cat, "penerima:UEP~contoh").status == "contoh"
    assert series.resolve(cat, "penerima:JSK") is None
    assert series.resolve(cat, "bogus::::") is None


def test_two_displayed_figures_for_one_region_and_year_raise():
    stats = frame({"value": 1.0}, {"value": 2.0})
    with pytest.raises(ValueError, match="dua angka tampil"):
        series.region_series(stats, SeriesKey("penerima", "UEP", "KPM"), "36")

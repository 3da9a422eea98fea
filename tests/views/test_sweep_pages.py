"""Every series through Peta and Tren, every kab/kota through Wilayah, every page, in both modes and both
languages: no error element, no exception (issue 12: a zero after a value crashed Tren for two series).

The view-model layer is swept over every year and level in tests/viewmodel/test_sweep.py (cheap); here
each series runs once per page at its latest year and each level it has, the language alternating from
one series to the next, so the whole sweep stays within a few minutes.
"""

from __future__ import annotations

import pytest

from dashboard.data import demo, reference
from dashboard.logic import series
from dashboard.ui.pickers import PLACE_PREFIXES
from tests.views.apptest_tools import assert_no_error, page_test

MODES = ["resmi", "contoh"]


@pytest.fixture(params=MODES)
def mode(request, monkeypatch) -> str:
    monkeypatch.setenv("DASHBOARD_MODE", request.param)
    return request.param


def catalogue(served_release, mode: str):
    stats = demo.with_demo(served_release).statistics if mode == "contoh" else served_release.statistics
    return series.catalogue(stats)


def test_every_series_on_peta_and_tren(releases_dir, geo_dir, served_release, mode):
    cat = catalogue(served_release, mode)
    cat = cat[~cat["indicator"].str.startswith(PLACE_PREFIXES)]  # offered on Wilayah, not on Peta or Tren
    runs = 0
    for i, row in enumerate(cat.itertuples()):
        lang = "id" if i % 2 == 0 else "en"
        for level, years in (("kabkota", row.years), ("kecamatan", row.kecamatan_years)):
            if years:
                at = page_test("peta", seri=row.code, tahun=str(years[-1]), tingkat=level, lang=lang).run()
                assert_no_error(at)
                assert not [i.value for i in at.info if "tidak dikenal" in i.value or "unknown" in i.value], row.code
                runs += 1
        if len(row.all_years) > 1:
            assert_no_error(page_test("tren", seri=row.code, lang=lang).run())
            runs += 1
    assert runs > 50


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_region_profile_and_every_page(releases_dir, geo_dir, mode, lang):
    for code in reference.kabkota()["kode_bps"]:
        assert_no_error(page_test("wilayah", kode=code, lang=lang).run())
    for page in ("beranda", "psks", "cari", "metodologi", "briefing"):
        assert_no_error(page_test(page, lang=lang).run())

"""Every cached builder loads the release it is asked for by id: switching CURRENT while a page runs
can never put the new release's data under the old id (issue 11: the id used to be an unused key)."""

from __future__ import annotations

from dashboard import cached
from dashboard.data import release
from dashboard.logic.series import SeriesKey
from tests.views.apptest_tools import clear_streamlit_caches

BLT = SeriesKey("penerima", "BLT_BBM", "KPM")


def test_builders_answer_for_the_release_id_they_are_given(releases_dir):
    clear_streamlit_caches()
    old_id = cached.release_id()
    old = release.load_release(old_id, releases_dir)
    changed = old.statistics.copy()
    row = changed.index[(changed["program"] == "BLT_BBM") & (changed["kode_wilayah"] == "3602")][0]
    changed.loc[row, "value"] = 999_999.0
    new_id = release.publish(changed, old.roster, "uji", releases_dir)
    assert cached.release_id() == new_id  # CURRENT moved
    old_view = cached.map_view(old_id, BLT.code, 2022, "kabkota", "count", "quantiles", "", "id")
    new_view = cached.map_view(new_id, BLT.code, 2022, "kabkota", "count", "quantiles", "", "id")
    lebak = lambda v: float(v.frame.set_index("kode_wilayah").at["3602", "value"])  # noqa: E731
    assert lebak(old_view) == float(old.statistics.at[row, "value"]) != lebak(new_view) == 999_999.0
    assert cached.stats(old_id) is not cached.stats(new_id)
    clear_streamlit_caches()

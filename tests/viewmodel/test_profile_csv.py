"""The Wilayah profile's CSV download is built once per view, not on every run of the page.

The page hands ``view.csv`` to its download button on every rerun, and the view is shared by all
sessions (``cached.profile_view``); building the CSV each time was 13 % of the page's server time
(``python -m bench.profile_page wilayah``) and took Wilayah over the 25 ms target of bench/run.py.
"""

from __future__ import annotations

import io

import pandas as pd

from dashboard.viewmodel import profile


def test_profile_csv_is_built_once_and_holds_the_table(published):
    view = profile.profile_view(published.statistics, "3601", "id")
    first = view.csv
    assert view.csv is first  # the same bytes object: computed once, then kept with the view
    back = pd.read_csv(io.BytesIO(first), encoding="utf-8-sig")
    assert list(back.columns) == list(view.table.columns) and len(back) == len(view.table)

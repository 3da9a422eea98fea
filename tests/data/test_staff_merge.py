"""What ``check`` prints of a merge is computed from the rows the upload touches, without the merged
table (memory: issue 14, item 6); it must say exactly what the table that ``publish`` writes holds."""

from __future__ import annotations

import pandas as pd
import pytest
from staff_corpus import FIXTURES

from bench.staff_check import valid_rows, write_csv
from dashboard.data import demo, release, staff
from dashboard.data.schema import STAT_COLUMNS

GOOD = sorted(p.name for p in FIXTURES.iterdir() if p.name.startswith("baik_"))


def _canon(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return sorted(map(tuple, frame[columns].astype(str).values.tolist()))


def _agrees(base: pd.DataFrame, rows: pd.DataFrame) -> staff.Merge:
    merged = staff.merge(base, rows)
    table = merged.table
    logged = release.diff_statistics(base, table)
    assert _canon(merged.changes, list(logged.columns)) == _canon(logged, list(logged.columns))
    shown = table[table.fig_id.isin(merged.beside.fig_id)]
    assert _canon(merged.beside, STAT_COLUMNS) == _canon(shown, STAT_COLUMNS)
    unchanged = len(table) == len(base) and _canon(table, STAT_COLUMNS) == _canon(base, STAT_COLUMNS)
    assert merged.changed == (not unchanged)
    assert len(table) == len(base) - len(merged.replaced) - len(merged.removed_contoh) + len(rows)
    return merged


@pytest.fixture(scope="module")
def bases(base_release):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_RELEASES_DIR", str(base_release))
        current = release.load_newest_good().release
    return {"resmi": current.statistics, "contoh": demo.with_demo(current).statistics}


@pytest.mark.parametrize("kind", ["resmi", "contoh"])
@pytest.mark.parametrize("name", GOOD)
def test_summary_parts_agree_with_the_merged_table(name, kind, bases):
    base = bases[kind]
    rows = staff.check(FIXTURES / name, base=base).rows
    first = _agrees(base, rows)
    assert first.changed
    again = _agrees(first.table, rows)  # the same file once more: nothing changes
    assert not again.changed and again.changes.empty
    corrected = rows.copy()
    corrected.iloc[0, corrected.columns.get_loc("value")] += 1
    fixed = _agrees(first.table, corrected)  # a corrected figure is replaced in place
    assert fixed.changed and fixed.changes.perubahan.tolist() == ["diubah"]


def test_large_upload_over_demonstration_data(bases, tmp_path):
    base = bases["contoh"]
    rows = staff.check(write_csv(tmp_path / "besar.csv", valid_rows(5000)), base=base).rows
    merged = _agrees(base, rows)
    assert len(merged.removed_contoh) > 0 and (merged.changes.perubahan == "baru").sum() == len(rows)

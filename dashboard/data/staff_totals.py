"""Rules across the rows of one staff file: no fact twice, and the parts add up to the whole.

Both work on whole columns (integer key ids, one groupby) so that 100,000 rows make no Python
object per row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.data import reference
from dashboard.data.schema import Problem
from dashboard.data.staff_keys import key_ids
from dashboard.data.staff_messages import problem
from dashboard.text.fmt import number

KEY = ["indicator", "program", "kode_wilayah", "year", "period"]  # one figure per key in a file
KEY_COLUMNS = {"indikator", "program", "kode_wilayah", "tahun", "periode"}


def complete(stats: pd.DataFrame, parsed: pd.DataFrame, columns: set[str]) -> pd.DataFrame:
    """Rows whose ``columns`` all parsed in the first pass."""
    return stats[[not (failed & columns) for failed in parsed.loc[stats.index, "_failed"]]]


def duplicates(stats: pd.DataFrame, file: str) -> list[Problem]:
    """Every row whose key repeats an earlier row's (keys compared as integer ids, not tuples of text)."""
    (ids,) = key_ids([stats], KEY)
    repeated = pd.Series(ids).duplicated(keep="first").to_numpy()
    if not repeated.any():
        return []
    twice = np.isin(ids, ids[repeated])
    first: dict[int, int] = {}
    found = []
    for row, key in zip(stats.index[twice], ids[twice].tolist(), strict=True):
        if key in first:
            found.append(problem("kunci_ganda", file, row, None, None, f"sama dengan baris {first[key]}"))
        else:
            first[key] = row
    return found


def sums(stats: pd.DataFrame, file: str) -> list[Problem]:
    """Kab/kota (or kecamatan) figures of one fact must add up to their parent figure in the file.

    Children are summed per (fact, parent code) in one groupby on integer ids and joined to the
    parent rows; the rows of a group are only listed when its sum fails.
    """
    additive = set(reference.indicators().query("agregasi == 'jumlah'").kode)
    mask = (stats.indicator.isin(additive) & stats.year.notna()).to_numpy(dtype=bool)
    if not mask.any():
        return []
    (fact,) = key_ids([stats], ["indicator", "program", "year", "period", "unit"])
    region, names = pd.factorize(stats.kode_wilayah)
    position = {name: i for i, name in enumerate(names)}
    parent_of = np.array([position.get(reference.parent_code(n), -1) for n in names] + [-1], dtype=np.int64)
    parent = parent_of[region]
    value = stats.value.to_numpy(dtype=float)
    precision = stats.precision.to_numpy(dtype=float)
    child = mask & (parent >= 0)
    children = pd.DataFrame({"fact": fact[child], "region": parent[child], "value": value[child],
                             "step": np.nan_to_num(precision[child])}).groupby(["fact", "region"], sort=False).agg(
        total=("value", "sum"), count=("value", "size"), steps=("step", "sum")).reset_index()
    if children.empty:
        return []
    parents = pd.DataFrame({"fact": fact[mask], "region": region[mask], "row": stats.index[mask],
                            "value": value[mask], "precision": precision[mask]})
    pairs = parents.merge(children, on=["fact", "region"])
    kecamatan = reference.kecamatan().groupby("kode_bps_kabkota").size()
    provinces = len(reference.kabkota())
    failing = []
    for p in pairs.itertuples(index=False):
        code = names[p.region]
        expected = provinces if code == reference.PROVINCE_CODE else int(kecamatan.get(code, 0))
        tolerance = p.steps + (0 if pd.isna(p.precision) else p.precision) + 1e-9 * max(1.0, abs(p.value))
        complete = p.count >= expected
        if (complete and abs(p.total - p.value) > tolerance) or p.total > p.value + tolerance:
            failing.append((p, expected, tolerance, complete))
    rows_of: dict[tuple[int, int], list[int]] = {}
    listed = child & np.isin(fact, [p.fact for p, *_ in failing])
    for f, region, row in zip(fact[listed].tolist(), parent[listed].tolist(), stats.index[listed], strict=True):
        rows_of.setdefault((f, region), []).append(row)
    found = []
    for p, expected, tolerance, complete in failing:
        rows = ", ".join(str(i) for i in rows_of[(p.fact, p.region)])
        part = "" if complete else f" ({p.count} dari {expected} wilayah)"
        found.append(problem("jumlah_tidak_cocok", file, p.row, "nilai", None, (
            f"jumlah wilayah bawahan{part} di baris {rows} = {number(p.total)}, angka induk = "
            f"{number(p.value)}, selisih {number(abs(p.total - p.value))} melebihi "
            f"batas pembulatan {number(tolerance, 0)}")))
    return sorted(found, key=lambda p: p.row)

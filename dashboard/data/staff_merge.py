"""Merging checked staff figures into the statistics of the current release.

For each staff figure, figures of the same fact (indicator, programme, region, year, period):

* from the **same source** (same title and address) and status ``resmi`` are replaced in place: a
  corrected upload is the same figure with a new value;
* with status ``contoh`` (demonstration data) are removed: the official number has arrived;
* from **another source** are kept beside it; :func:`dashboard.data.sourced.mark_displayed` then
  chooses which one is displayed, and the other carries a ``conflict_note``. A staff upload never
  silently deletes another source's published figure.

``mark_displayed`` decides each group of figures on its own, so it is run on the groups the upload
touched only; that gives the same table as running it over everything, in a fraction of the time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.data.release import diff_statistics
from dashboard.data.schema import BOOL_COLUMNS, STAT_COLUMNS, Problem, statistics_schema
from dashboard.data.sourced import GROUP_KEY, mark_displayed
from dashboard.data.staff_checks import KEY, source_identity
from dashboard.data.staff_messages import problem


@dataclass
class Merge:
    """The merged table and what the upload did to the figures already published."""

    table: pd.DataFrame
    changes: pd.DataFrame  # what release.diff_statistics(base, table) will log
    replaced: pd.DataFrame  # same-source figures replaced by the upload
    removed_contoh: pd.DataFrame  # demonstration figures removed
    beside: pd.DataFrame  # other sources' figures of the same facts, kept
    changed: bool  # False when the merged table equals the base (re-upload of the same file)


def _keys(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    text = frame[columns].astype(str).replace({"<NA>": ""})
    return pd.Series(list(text.itertuples(index=False, name=None)), index=frame.index)


def _key_ids(frames: list[pd.DataFrame], columns: list[str]) -> list[np.ndarray]:
    """An exact integer id of each row's key, comparable across ``frames`` (equal keys, equal ids).

    Built from the codes of each column (pyarrow's dictionary encoding) combined in mixed radix, so
    no Python object is made per cell (a tuple of strings per row cost ~40 MB for 100,000 rows).
    """
    sizes = np.cumsum([len(f) for f in frames])[:-1]
    codes = [pd.factorize(pd.concat([f[c] for f in frames], ignore_index=True))[0] + 1 for c in columns]
    if not len(codes[0]):
        return [np.empty(0, dtype=np.int64) for _ in frames]
    radix = [int(c.max()) + 1 for c in codes]
    if float(np.prod(radix, dtype=float)) < 2.0 ** 62:  # mixed radix: exact, no sorting
        ids = np.zeros(len(codes[0]), dtype=np.int64)
        for code, base in zip(codes, radix, strict=True):
            ids = ids * base + code
    else:
        _, ids = np.unique(np.stack(codes, axis=1), axis=0, return_inverse=True)
    return np.split(ids.reshape(-1), sizes)


def _near(frame: pd.DataFrame, other: pd.DataFrame) -> pd.Series:
    """Rows that may share a key with ``other`` (a cheap filter before building text keys)."""
    return frame.indicator.isin(set(other.indicator)) & frame.kode_wilayah.isin(set(other.kode_wilayah))


def _orphaned_kecamatan(base: pd.DataFrame, staff: pd.DataFrame) -> set[int]:
    """Demonstration kecamatan figures under a kab/kota whose official figure just arrived.

    They were generated to add up to the demonstration kab/kota figure; next to the official one they
    would no longer add up, so they go too (the revision log lists them as removed).
    """
    kab = staff[staff.kode_wilayah.str.len() == 4]
    if kab.empty:
        return set()
    facts = ["indicator", "program", "kode_wilayah", "year", "period"]
    kec = base[(base.status == "contoh") & (base.kode_wilayah.str.len() == 7)]
    kec_key = _keys(kec.assign(kode_wilayah=kec.kode_wilayah.str[:4]), facts)
    return set(kec.index[kec_key.isin(set(_keys(kab, facts)))])


_DIFFED = ["fig_id", "indicator", "program", "kode_wilayah", "year", "period", "status", "value"]


def merge(base: pd.DataFrame, staff: pd.DataFrame) -> Merge:
    """Merge ``staff`` statistics rows into ``base`` (see the module docstring for the rules)."""
    base = base.reset_index(drop=True)
    staff = staff.reset_index(drop=True)
    near = base[_near(base, staff)]
    staff_ids, near_ids = _key_ids([staff, near], KEY)
    hit = np.isin(near_ids, staff_ids)
    touched, touched_ids = near[hit], near_ids[hit]
    by_key: dict[int, list[int]] = {}
    for i, key in zip(touched.index, touched_ids.tolist(), strict=True):
        by_key.setdefault(key, []).append(i)
    status = touched.status.to_dict()
    source_of = {i: source_identity(t, u) for i, t, u in zip(touched.index, touched.source_title, touched.source_url,
                                                             strict=True)}
    placed: dict[int, int] = {}  # base position -> staff position replacing it
    drop: set[int] = set()
    candidate = np.isin(staff_ids, touched_ids)
    candidates = staff[candidate]
    for s, key, title, url in zip(candidates.index, staff_ids[candidate].tolist(), candidates.source_title,
                                  candidates.source_url, strict=True):
        facts = by_key[key]
        source = source_identity(title, url)
        same = [i for i in facts if status[i] == "resmi" and source_of[i] == source]
        drop.update(i for i in facts if status[i] == "contoh")
        if same:
            placed[same[0]] = s
            drop.update(same[1:])
    drop.update(_orphaned_kecamatan(base, staff))
    kept = base.copy()
    if placed:  # in place: a corrected figure keeps its rank in the table
        at, rows = list(placed), list(placed.values())
        for column in STAT_COLUMNS:
            kept[column] = kept[column].astype(object)
            kept.loc[at, column] = staff.loc[rows, column].astype(object).to_numpy()
    appended = staff.drop(index=list(placed.values())) if placed else staff
    dropped = sorted(drop)
    merged = pd.concat([kept.drop(index=dropped), appended], ignore_index=True)[STAT_COLUMNS]
    del kept
    merged = _restore_types(merged)

    replaced_idx = list(placed) + [i for i in drop if base.at[i, "status"] == "resmi"]
    gone = base.loc[list(placed) + dropped]
    near_merged = _near(merged, pd.concat([staff[["indicator", "kode_wilayah"]], gone[["indicator", "kode_wilayah"]]]))
    staff_group, gone_group, merged_group = _key_ids([staff[GROUP_KEY], gone[GROUP_KEY],
                                                      merged.loc[near_merged, GROUP_KEY]], GROUP_KEY)
    group = pd.Series(False, index=merged.index)
    inside = np.isin(merged_group, np.concatenate([staff_group, gone_group]))
    group[near_merged] = inside
    if group.any():
        _mark_displayed(merged, group, merged_group[inside])

    # Rows that can differ between base and merged: the replaced and removed ones, and the staff rows.
    kept_count = len(base) - len(dropped)
    placed_at = [i - int(np.searchsorted(dropped, i)) for i in placed]
    new_rows = merged[_DIFFED].iloc[sorted(placed_at) + list(range(kept_count, len(merged)))]
    beside = touched[(touched.status == "resmi") & ~touched.index.isin(replaced_idx)]
    return Merge(
        table=merged,
        changes=changes(gone[_DIFFED], new_rows),
        replaced=base.loc[sorted(replaced_idx)],
        removed_contoh=base.loc[sorted(i for i in drop if base.at[i, "status"] == "contoh")],
        beside=merged[merged.fig_id.isin(beside.fig_id)],
        # Only in-place replacements leave the positions aligned; then only touched groups can differ.
        changed=bool(drop) or not appended.empty or not _same_rows(base[group], merged[group]),
    )


def _mark_displayed(merged: pd.DataFrame, group: pd.Series, ids: np.ndarray) -> None:
    """:func:`mark_displayed` on the touched groups (``ids``: their key ids); a group of one figure
    needs no choice."""
    rows = merged.index[group.to_numpy()]
    alone = ~pd.Series(ids).duplicated(keep=False).to_numpy()
    settled = (merged.loc[rows, "displayed"].to_numpy(dtype=bool)
               & (merged.loc[rows, "conflict_note"] == "").to_numpy(dtype=bool))
    change = rows[alone & ~settled]  # staff rows arrive displayed without a note: usually none to change
    if len(change):
        merged.loc[change, "displayed"] = True
        merged.loc[change, "conflict_note"] = ""
    several = merged.loc[rows[~alone]]
    if len(several):
        decided = mark_displayed(several)
        merged.loc[several.index, ["displayed", "conflict_note"]] = decided[["displayed", "conflict_note"]]


def changes(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Figure-by-figure changes, exactly as the release's revision log records them."""
    return diff_statistics(old, new)[["fig_id", "indicator", "program", "kode_wilayah", "year", "period",
                                      "status", "perubahan", "nilai_lama", "nilai_baru"]]


def _restore_types(frame: pd.DataFrame) -> pd.DataFrame:
    frame["year"] = pd.to_numeric(frame["year"]).astype("Int64")
    frame["value"] = frame["value"].astype(float)
    frame["precision"] = pd.to_numeric(frame["precision"]).astype(float)
    for column in BOOL_COLUMNS:
        frame[column] = frame[column].astype(bool)
    for column in STAT_COLUMNS:
        if column not in ("year", "value", "precision", *BOOL_COLUMNS):
            frame[column] = frame[column].fillna("").astype(str)
    return frame


def _same_rows(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    if len(a) != len(b):
        return False

    def canon(f: pd.DataFrame) -> pd.DataFrame:
        return f[STAT_COLUMNS].astype(str).sort_values("fig_id").reset_index(drop=True)
    return canon(a).equals(canon(b))


def validate_merged(table: pd.DataFrame, file: str) -> list[Problem]:
    """The whole table to be published must pass the schema (a failure here is a bug, not staff's)."""
    import pandera.pandas as pa  # noqa: PLC0415 (only publishing needs it: ~18 MB)

    try:
        statistics_schema().validate(table, lazy=True, inplace=True)  # no copy of the whole table
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases.head(20)
        return [problem("skema", file, None, str(c.column), str(c.failure_case), f"tabel gabungan: {c.check}")
                for c in cases.itertuples(index=False)]
    return []

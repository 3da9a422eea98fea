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

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from dashboard.data.release import diff_statistics
from dashboard.data.schema import BOOL_COLUMNS, STAT_COLUMNS, Problem, statistics_schema
from dashboard.data.sourced import GROUP_KEY, mark_displayed
from dashboard.data.staff_checks import KEY, source_identity
from dashboard.data.staff_keys import key_ids as _key_ids
from dashboard.data.staff_messages import problem


@dataclass
class Merge:
    """What merging an upload into the statistics does; :attr:`table` is what a publish writes.

    Everything but the table is computed from the rows the upload touches (``check`` prints it); the
    table, a copy of the whole statistics with the upload in it, is built when first asked for.
    """

    changes: pd.DataFrame  # what release.diff_statistics(base, table) will log
    replaced: pd.DataFrame  # same-source figures replaced by the upload
    removed_contoh: pd.DataFrame  # demonstration figures removed
    beside: pd.DataFrame  # other sources' figures of the same facts, kept
    changed: bool  # False when the merged table equals the base (re-upload of the same file)
    _base: pd.DataFrame = field(repr=False)
    _staff: pd.DataFrame = field(repr=False)
    _placed: dict[int, int] = field(repr=False)  # base position -> staff position replacing it
    _dropped: list[int] = field(repr=False)  # base positions removed, ascending
    _decided: pd.DataFrame = field(repr=False)  # displayed, conflict_note of touched rows, by order key

    @cached_property
    def table(self) -> pd.DataFrame:
        """The merged statistics: base rows in place (a corrected figure keeps its rank), the new
        figures after them, ``displayed`` chosen again in every group the upload touched."""
        base, staff, placed, dropped = self._base, self._staff, self._placed, self._dropped
        appended = staff.drop(index=list(placed.values())) if placed else staff  # a drop copies every column
        merged = pd.concat([_replaced_in_place(base, staff, placed).drop(index=dropped), appended],
                           ignore_index=True)[STAT_COLUMNS]
        merged = _restore_types(merged)
        # Order key -> position: base positions move up past the dropped rows, appended rows follow.
        keys = self._decided.index.to_numpy()
        kept = len(base) - len(dropped)
        at = np.where(keys < len(base), keys - np.searchsorted(dropped, keys),
                      kept + keys - len(base) - np.searchsorted(sorted(placed.values()), keys - len(base)))
        displayed = self._decided["displayed"].to_numpy(dtype=bool)
        note = self._decided["conflict_note"]
        # Only rows whose choice changed are written (staff rows arrive displayed without a note).
        differs = ((merged["displayed"].to_numpy(dtype=bool)[at] != displayed)
                   | (merged["conflict_note"].iloc[at].to_numpy() != note.to_numpy()))
        if differs.any():
            merged.loc[at[differs], "displayed"] = displayed[differs]
            merged.loc[at[differs], "conflict_note"] = note.to_numpy()[differs]
        return merged


def _keys(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    text = frame[columns].astype(str).replace({"<NA>": ""})
    return pd.Series(list(text.itertuples(index=False, name=None)), index=frame.index)


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



def _replaced_in_place(base: pd.DataFrame, staff: pd.DataFrame, placed: dict[int, int]) -> pd.DataFrame:
    """``base`` with each placed staff row written over the base row it replaces."""
    out = base.copy()
    if placed:
        at, rows = list(placed), list(placed.values())
        for column in STAT_COLUMNS:
            out[column] = out[column].astype(object)
            out.loc[at, column] = staff.loc[rows, column].astype(object).to_numpy()
    return out


def _order(base_len: int, placed: dict[int, int], count: int) -> np.ndarray:
    """Order key in the merged table of each of ``count`` staff rows: the base position it replaces,
    else ``base_len`` + its position (new rows follow the base rows, in staff order)."""
    keys = np.arange(base_len, base_len + count, dtype=np.int64)
    if placed:
        keys[list(placed.values())] = list(placed)
    return keys


def _placements(base: pd.DataFrame, staff: pd.DataFrame) -> tuple[dict[int, int], set[int], pd.DataFrame]:
    """(base position -> staff position replacing it, base positions dropped, the base rows of the
    same facts as some staff row)."""
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
    placed: dict[int, int] = {}
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
    return placed, drop, touched


def merge(base: pd.DataFrame, staff: pd.DataFrame) -> Merge:
    """Merge ``staff`` statistics rows into ``base`` (see the module docstring for the rules)."""
    base = base.reset_index(drop=True)
    staff = staff.reset_index(drop=True)
    placed, drop, touched = _placements(base, staff)
    dropped = sorted(drop)
    gone = base.loc[list(placed) + dropped]
    decided = _decide(base, staff, gone, placed, drop)
    # The upload's rows as the table holds them: replacements at their base position, then the new ones.
    new_rows = staff[_DIFFED]
    if placed:
        new_rows = new_rows.iloc[np.argsort(_order(len(base), placed, len(staff)), kind="stable")]
    replaced_idx = list(placed) + [i for i in drop if base.at[i, "status"] == "resmi"]
    beside = touched[(touched.status == "resmi") & ~touched.index.isin(replaced_idx)]
    return Merge(
        changes=changes(gone[_DIFFED], _restore_types(new_rows)),
        replaced=base.loc[sorted(replaced_idx)],
        removed_contoh=base.loc[sorted(i for i in drop if base.at[i, "status"] == "contoh")],
        beside=_with_decisions(beside, decided),
        # Only in-place replacements leave the table as long as the base; then only touched groups can differ.
        changed=bool(drop) or len(staff) > len(placed) or _touched_differ(base, staff, placed, decided),
        _base=base, _staff=staff, _placed=placed, _dropped=dropped, _decided=decided,
    )


def _decide(base: pd.DataFrame, staff: pd.DataFrame, gone: pd.DataFrame, placed: dict[int, int],
            drop: set[int]) -> pd.DataFrame:
    """``displayed`` and ``conflict_note`` of every merged row in a group (GROUP_KEY) the upload
    touched (every staff row, and the kept base rows of the same groups as a staff or removed row),
    indexed by the row's order key in the merged table (:func:`_order`).

    A group of one figure is displayed without a note; :func:`mark_displayed` chooses in the others,
    given their rows in table order (it decides each group on its own, so deciding only these groups
    gives what deciding the whole table would).
    """
    facts = pd.concat([staff[["indicator", "kode_wilayah"]], gone[["indicator", "kode_wilayah"]]])
    near = base[_near(base, facts) & ~base.index.isin(list(placed) + list(drop))]  # base rows kept as they are
    staff_group, gone_group, near_group = _key_ids([staff[GROUP_KEY], gone[GROUP_KEY], near[GROUP_KEY]], GROUP_KEY)
    inside = np.isin(near_group, np.concatenate([staff_group, gone_group]))
    from_base = near.index[inside].to_numpy(dtype=np.int64)
    keys = np.concatenate([from_base, _order(len(base), placed, len(staff))])
    groups = np.concatenate([near_group[inside], staff_group])
    alone = ~pd.Series(groups).duplicated(keep=False).to_numpy()
    decided = pd.DataFrame({"displayed": np.ones(len(keys), dtype=bool), "conflict_note": ""}, index=keys)
    if not alone.all():
        is_base = np.arange(len(keys)) < len(from_base)
        several = pd.concat([base.loc[keys[~alone & is_base]],
                             staff.iloc[np.flatnonzero(~alone & ~is_base) - len(from_base)]])
        several.index = np.concatenate([keys[~alone & is_base], keys[~alone & ~is_base]])
        chosen = mark_displayed(_restore_types(several.sort_index()[STAT_COLUMNS]))
        decided.loc[chosen.index, "displayed"] = chosen["displayed"].to_numpy(dtype=bool)
        decided.loc[chosen.index, "conflict_note"] = chosen["conflict_note"].to_numpy()
    return decided.sort_index()


def _with_decisions(rows: pd.DataFrame, decided: pd.DataFrame) -> pd.DataFrame:
    """Base ``rows`` (indexed by base position) with ``displayed`` and ``conflict_note`` as the merged
    table holds them."""
    rows = rows.copy()
    known = rows.index[rows.index.isin(decided.index)]
    if len(known):
        rows.loc[known, "displayed"] = decided.loc[known, "displayed"].to_numpy(dtype=bool)
        rows.loc[known, "conflict_note"] = decided.loc[known, "conflict_note"].to_numpy()
    return rows


def _touched_differ(base: pd.DataFrame, staff: pd.DataFrame, placed: dict[int, int], decided: pd.DataFrame) -> bool:
    """When every staff row replaces a base row in place (the table keeps the base's positions):
    whether any row of a touched group differs from the base."""
    before = base.loc[decided.index]
    after = _with_decisions(_restore_types(_replaced_in_place(before, staff, placed)), decided)
    return not _same_rows(before, after)


def changes(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Figure-by-figure changes, exactly as the release's revision log records them."""
    return diff_statistics(old, new)[["fig_id", "indicator", "program", "kode_wilayah", "year", "period",
                                      "status", "perubahan", "nilai_lama", "nilai_baru"]]


def _restore_types(frame: pd.DataFrame) -> pd.DataFrame:
    """The statistics types on the columns ``frame`` has (in place; returns ``frame``)."""
    if "year" in frame:
        frame["year"] = pd.to_numeric(frame["year"]).astype("Int64")
    if "value" in frame:
        frame["value"] = frame["value"].astype(float)
    if "precision" in frame:
        frame["precision"] = pd.to_numeric(frame["precision"]).astype(float)
    for column in BOOL_COLUMNS:
        if column in frame:
            frame[column] = frame[column].astype(bool)
    for column in STAT_COLUMNS:
        if column in frame and column not in ("year", "value", "precision", *BOOL_COLUMNS):
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
    import pandera.pandas as pa

    try:
        statistics_schema().validate(table, lazy=True, inplace=True)  # no copy of the whole table
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases.head(20)
        return [problem("skema", file, None, str(c.column), str(c.failure_case), f"tabel gabungan: {c.check}")
                for c in cases.itertuples(index=False)]
    return []

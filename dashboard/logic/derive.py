"""Derived tables: the slices, ranks, changes and profiles the pages show, always within one series.

Every function takes the statistics table (``dashboard.data.schema.STAT_COLUMNS``) and a
:class:`~dashboard.logic.series.SeriesKey` where it concerns a series, and returns a new frame;
nothing is mutated. "Never mask problems": a region without a figure stays in the result with an
empty value (shown as "tidak ada data"), it is never silently dropped; two displayed figures for one
region and year of a series raise instead of one being picked (see :func:`series.one_per_year`).
"""

from __future__ import annotations

import pandas as pd

from dashboard.data import reference
from dashboard.logic import compare, series
from dashboard.logic.series import SeriesKey

LEVEL_CODE_LENGTH = {"provinsi": 2, "kabkota": 4, "kecamatan": 7}
#: Columns a slice carries for each figure (what cards, tables, downloads and sentences need).
FIGURE_COLUMNS = ["kode_wilayah", "year", "period", "value", "unit", "precision", "approx", "status", "source_type",
                  "source_title", "source_url", "source_date", "year_inferred", "fig_id", "note"]


def shown(stats: pd.DataFrame) -> pd.DataFrame:
    """The displayed figures that have a year (the ones maps, charts and trends use)."""
    return stats[stats["displayed"] & stats["year"].notna()]


def region_frame(level: str) -> pd.DataFrame:
    """All regions of a level with code, display name and parent kab/kota."""
    if level == "kabkota":
        kk = reference.kabkota()
        return pd.DataFrame({"kode_wilayah": kk.kode_bps, "nama": kk.nama_singkat, "kode_kabkota": kk.kode_bps})
    if level == "kecamatan":
        kc = reference.kecamatan()
        names = reference.region_names()
        return pd.DataFrame({"kode_wilayah": kc.kode_bps, "nama": kc.kode_bps.map(names).str.removeprefix("Kec. "),
                             "kode_kabkota": kc.kode_bps_kabkota})
    return pd.DataFrame({"kode_wilayah": [reference.PROVINCE_CODE], "nama": [reference.PROVINCE_NAME],
                         "kode_kabkota": [""]})


def slice_regions(stats: pd.DataFrame, key: SeriesKey, year: int, level: str,
                  within: str | None = None) -> pd.DataFrame:
    """Every region of ``level`` with its figure of one series and year (NaN value where none).

    Columns: ``kode_wilayah``, ``nama``, ``kode_kabkota`` and :data:`FIGURE_COLUMNS`. ``within``
    restricts kecamatan to one kab/kota.
    """
    data = series.figures(stats, key)
    data = data[(data["year"] == year) & (data["kode_wilayah"].str.len() == LEVEL_CODE_LENGTH[level])]
    data = series.one_per_year(data)
    regions = region_frame(level)
    if within:
        regions = regions[regions["kode_kabkota"] == within]
    out = regions.merge(data[FIGURE_COLUMNS], on="kode_wilayah", how="left")
    out["status"] = out["status"].fillna("")
    return out.reset_index(drop=True)


def add_rank(frame: pd.DataFrame, column: str = "value") -> pd.DataFrame:
    """Rank 1 = highest; regions without data get no rank. Ties share the better rank."""
    return frame.assign(rank=frame[column].rank(ascending=False, method="min").astype("Int64"))


def status_summary(statuses: pd.Series) -> str:
    """``resmi``, ``contoh``, ``campuran`` (both) or ``""`` (no figures)."""
    present = set(statuses.dropna()) - {""}
    if not present:
        return ""
    if present == {"resmi"}:
        return "resmi"
    if present == {"contoh"}:
        return "contoh"
    return "campuran"


def trend(stats: pd.DataFrame, key: SeriesKey, codes: list[str]) -> pd.DataFrame:
    """The figures of one series for the given regions, oldest first, each with its change.

    Adds ``nama``, ``prev_year``, ``change`` (a :class:`~dashboard.logic.compare.Change` against the
    region's previous figure in the series), ``change_pct`` (its value when comparable, else NaN) and
    ``source_changed`` (the source differs from the previous point: the chart marks it).
    """
    data = series.figures(stats, key)
    data = series.one_per_year(data[data["kode_wilayah"].isin(codes)])
    names = reference.region_names()
    data = data.assign(nama=data["kode_wilayah"].map(names), year=data["year"].astype(int))
    records = data.to_dict("records")
    previous: dict[str, dict] = {}
    changes, prev_years, source_changed = [], [], []
    for row in records:
        prev = previous.get(row["kode_wilayah"])
        changes.append(compare.change(row, prev))
        prev_years.append(None if prev is None else prev["year"])
        source_changed.append(prev is not None and prev["source_title"] != row["source_title"])
        previous[row["kode_wilayah"]] = row
    out = data.assign(prev_year=pd.array(prev_years, dtype="Int64"), change=changes,
                      change_pct=[c.delta if c.comparable else float("nan") for c in changes],
                      source_changed=source_changed)
    cols = ["kode_wilayah", "nama", *[c for c in FIGURE_COLUMNS if c != "kode_wilayah"], "prev_year", "change",
            "change_pct", "source_changed"]
    return out[cols].reset_index(drop=True)


def latest_with_change(stats: pd.DataFrame, key: SeriesKey, code: str,
                       up_to: int | None = None) -> tuple[dict | None, compare.Change | None]:
    """A region's latest figure of a series (at or before ``up_to``) and its change from the one before."""
    rows = trend(stats, key, [code])
    if up_to is not None:
        rows = rows[rows["year"] <= up_to]
    if rows.empty:
        return None, None
    latest = rows.iloc[-1].to_dict()
    return latest, latest["change"]


def region_profile(stats: pd.DataFrame, code: str) -> pd.DataFrame:
    """Latest figure of every series of one region, with its rank among the eight kab/kota that year.

    ``history`` marks a series whose latest figure is older than :data:`series.CURRENT_FROM`: shown as
    the latest published figure, never as a current one. ``rank`` is only given when all eight
    kab/kota have a figure of the same series and year.
    """
    data = shown(stats)
    mine = data[data["kode_wilayah"] == code]
    peers_all = data[data["kode_wilayah"].str.len() == 4]
    rows = []
    for values, group in mine.groupby(series.KEY_COLUMNS, sort=True):
        key = SeriesKey(*values)
        ordered = series.one_per_year(group)
        latest = ordered.iloc[-1].to_dict()
        before = ordered.iloc[-2].to_dict() if len(ordered) > 1 else None
        peers = series.figures(peers_all, key)
        peers = peers[peers["year"] == latest["year"]]
        rank = None
        if len(code) == 4 and peers["kode_wilayah"].nunique() == 8 and not peers["kode_wilayah"].duplicated().any():
            rank = int(peers["value"].rank(ascending=False, method="min")[peers["kode_wilayah"] == code].iloc[0])
        rows.append({"key": key, "indicator": key.indicator, "program": key.program,
                     **{c: latest[c] for c in FIGURE_COLUMNS}, "year": int(latest["year"]),
                     "rank": rank, "peers": int(peers["kode_wilayah"].nunique()),
                     "history": int(latest["year"]) < series.CURRENT_FROM,
                     "change": compare.change(latest, before)})
    columns = ["key", "indicator", "program", *FIGURE_COLUMNS, "rank", "peers", "history", "change"]
    return pd.DataFrame(rows, columns=columns)

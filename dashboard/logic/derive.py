"""Derived tables: the slices, rates, ranks, changes and headlines the pages show.

Every function takes the statistics table (see ``dashboard.data.schema.STAT_COLUMNS``) and returns a
new frame; nothing is mutated. "Never mask problems": a missing region stays in the result with an
empty value (shown as "tidak ada data"), it is never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from dashboard.data import reference

LEVEL_CODE_LENGTH = {"provinsi": 2, "kabkota": 4, "kecamatan": 7}

#: Population denominators, one named source per series: never mixed within a series.
POPULATION_SERIES = {
    "sp2020": ("jumlah_penduduk_sp2020", "Sensus Penduduk 2020 (BPS), September 2020"),
    "dukcapil2024": ("jumlah_penduduk_dukcapil", "Data administrasi kependudukan (Ditjen Dukcapil), Desember 2024"),
}
DUKCAPIL_YEAR = 2024

#: Series on the landing page, in this order.
HEADLINE_SERIES = [
    ("penerima", "UEP"), ("penerima", "JSK"), ("penerima", "JSLU"), ("jumlah_psks", "TKSK"),
    ("jumlah_psks", "TAGANA"), ("jumlah_psks", "PSM"), ("penduduk_miskin", ""),
]


def shown(stats: pd.DataFrame) -> pd.DataFrame:
    """The displayed figures that have a year (the ones maps, charts and trends use)."""
    return stats[stats["displayed"] & stats["year"].notna()]


def level_of(codes: pd.Series) -> pd.Series:
    return codes.str.len().map({2: "provinsi", 4: "kabkota", 7: "kecamatan"})


@lru_cache(maxsize=1024)
def series_label(indicator: str, program: str, lang: str = "id") -> str:
    """``Jumlah penerima — Usaha Ekonomi Produktif (UEP)`` style label of a series.

    Memoised: the catalogues are fixed for the life of the process and pages label dozens of series
    on every run.
    """
    ind = reference.indicators().set_index("kode")
    name = ind.at[indicator, "nama" if lang == "id" else "nama_en"] if indicator in ind.index else indicator
    if not program:
        return name
    prog = reference.programs().set_index("kode")
    if program in prog.index:
        row = prog.loc[program]
        pname = row["nama"] if lang == "id" else row["nama_en"]
        if row["singkatan"] and row["singkatan"] not in pname:
            pname = f"{pname} ({row['singkatan']})"
    else:
        pname = program
    return f"{name} — {pname}"


def series_catalogue(stats: pd.DataFrame) -> pd.DataFrame:
    """One row per (indicator, program) series that can be mapped: years and levels available."""
    frame = shown(stats).assign(level=lambda d: level_of(d["kode_wilayah"]))
    mappable = frame[frame["level"].isin(["kabkota", "kecamatan"])]
    rows = []
    for (indicator, program), group in mappable.groupby(["indicator", "program"], sort=True):
        years = sorted(int(y) for y in group["year"].unique())
        kec_years = sorted(int(y) for y in group.loc[group.level == "kecamatan", "year"].unique())
        rows.append({"indicator": indicator, "program": program, "years": years,
                     "kecamatan_years": kec_years, "unit": group["unit"].mode().iat[0],
                     "statuses": sorted(group["status"].unique())})
    return pd.DataFrame(rows, columns=["indicator", "program", "years", "kecamatan_years", "unit", "statuses"])


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


def slice_regions(stats: pd.DataFrame, indicator: str, program: str, year: int, level: str,
                  within: str | None = None) -> pd.DataFrame:
    """Every region of ``level`` with its figure for one series and year (NaN where none).

    Columns: kode_wilayah, nama, kode_kabkota, value, unit, status, source_title, source_date, fig_id.
    ``within`` restricts kecamatan to one kab/kota.
    """
    data = shown(stats)
    data = data[(data.indicator == indicator) & (data.program == program) & (data.year == year)
                & (data.kode_wilayah.str.len() == LEVEL_CODE_LENGTH[level])]
    data = data.drop_duplicates("kode_wilayah")
    regions = region_frame(level)
    if within:
        regions = regions[regions.kode_kabkota == within]
    cols = ["kode_wilayah", "value", "unit", "status", "source_title", "source_date", "fig_id", "note"]
    out = regions.merge(data[cols], on="kode_wilayah", how="left")
    out["status"] = out["status"].fillna("")
    return out.reset_index(drop=True)


@dataclass(frozen=True)
class Population:
    """A population denominator: values by region code, and the one source they come from."""

    values: pd.Series
    source: str
    year: int


def population(stats: pd.DataFrame, series: str = "sp2020") -> Population:
    """Residents per region from one named source (``sp2020`` or ``dukcapil2024``)."""
    indicator, source = POPULATION_SERIES[series]
    data = shown(stats)
    data = data[data.indicator == indicator]
    if series == "dukcapil2024":
        data = data[data.year == DUKCAPIL_YEAR]
    data = data.drop_duplicates("kode_wilayah")
    year = int(data["year"].max()) if len(data) else 0
    return Population(data.set_index("kode_wilayah")["value"], source, year)


def add_rate(frame: pd.DataFrame, pop: Population, per: int) -> pd.DataFrame:
    """Add ``rate`` = value per ``per`` residents (NaN where the denominator is unknown)."""
    denominator = frame["kode_wilayah"].map(pop.values)
    return frame.assign(rate=frame["value"] / denominator * per, penduduk=denominator)


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


def trend(stats: pd.DataFrame, indicator: str, program: str, codes: list[str]) -> pd.DataFrame:
    """Yearly series of the given regions, with change from the year before and source changes.

    Adds ``change_pct`` (vs previous available year of the same region) and ``source_changed`` (the
    source or status differs from the previous point: the chart annotates it).
    """
    data = shown(stats)
    data = data[(data.indicator == indicator) & (data.program == program) & data.kode_wilayah.isin(codes)]
    data = data.sort_values(["kode_wilayah", "year", "period"]).drop_duplicates(["kode_wilayah", "year"], keep="last")
    names = reference.region_names()
    data = data.assign(nama=data["kode_wilayah"].map(names), year=data["year"].astype(int))
    grouped = data.groupby("kode_wilayah", sort=False)
    prev_value = grouped["value"].shift(1)
    prev_key = grouped["source_title"].shift(1) + "|" + grouped["status"].shift(1)
    data = data.assign(
        prev_year=grouped["year"].shift(1).astype("Int64"),
        change_pct=(data["value"] - prev_value) / prev_value * 100,
        source_changed=prev_key.notna() & (prev_key != data["source_title"] + "|" + data["status"]),
    )
    cols = ["kode_wilayah", "nama", "year", "value", "unit", "status", "source_title", "source_date",
            "prev_year", "change_pct", "source_changed", "fig_id"]
    return data[cols].reset_index(drop=True)


def latest_with_previous(stats: pd.DataFrame, indicator: str, program: str, code: str = "36",
                         up_to: int | None = None) -> tuple[pd.Series | None, pd.Series | None]:
    """The latest figure of a region (at or before ``up_to``) and the one of the year before it."""
    series = trend(stats, indicator, program, [code])
    if up_to is not None:
        series = series[series.year <= up_to]
    if series.empty:
        return None, None
    latest = series.iloc[-1]
    previous = series[series.year == latest["year"] - 1]
    return latest, (previous.iloc[-1] if len(previous) else None)


def headlines(stats: pd.DataFrame, up_to: int | None = None) -> pd.DataFrame:
    """Headline figures for the province: latest year, value, previous year's value, status, source."""
    rows = []
    for indicator, program in HEADLINE_SERIES:
        latest, previous = latest_with_previous(stats, indicator, program, "36", up_to)
        if latest is None:
            continue
        rows.append({
            "indicator": indicator, "program": program, "year": int(latest["year"]),
            "value": latest["value"], "unit": latest["unit"], "status": latest["status"],
            "source_title": latest["source_title"], "source_date": latest["source_date"],
            "fig_id": latest["fig_id"],
            "prev_year": None if previous is None else int(previous["year"]),
            "prev_value": None if previous is None else previous["value"],
            "prev_status": None if previous is None else previous["status"],
        })
    return pd.DataFrame(rows)


def region_profile(stats: pd.DataFrame, code: str) -> pd.DataFrame:
    """Latest figure of every series for one kab/kota, with its rank among the eight that year."""
    data = shown(stats)
    kab = data[data.kode_wilayah.str.len() == 4]
    mine = kab[kab.kode_wilayah == code]
    rows = []
    for (indicator, program), group in mine.groupby(["indicator", "program"], sort=True):
        latest = group.sort_values(["year", "period"]).iloc[-1]
        peers = kab[(kab.indicator == indicator) & (kab.program == program) & (kab.year == latest["year"])]
        peers = peers.drop_duplicates("kode_wilayah")
        ranked = peers["value"].rank(ascending=False, method="min")
        rank = int(ranked[peers.kode_wilayah == code].iloc[0]) if len(peers) == 8 else None
        rows.append({**latest[["indicator", "program", "year", "period", "value", "unit", "status",
                               "source_title", "source_date", "fig_id"]].to_dict(),
                     "rank": rank, "peers": len(peers)})
    return pd.DataFrame(rows)

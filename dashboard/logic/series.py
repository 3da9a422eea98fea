"""What a series is: one indicator of one programme, in one unit, one period type and one status.

Figures are only ever drawn, ranked, compared or summed within a series. March and September poverty
are two series; "KPM" and "pedagang kecil" for the same programme are two series; a published
(``resmi``) series and a generated DATA CONTOH series of the same programme are two series, so a
generated figure can never fill a gap in, or be summed with, a published one.

A series has a code for URLs: ``indicator:program:unit:period`` with empty trailing parts left out,
and ``~contoh`` appended for a demonstration series (``penerima:UEP:KPM``,
``persentase_penduduk_miskin::persen:Maret``). A short code (``penerima:UEP``) still resolves, to the
series of that indicator and programme with the most published figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.logic.figtext import period_name, series_label

CONTOH_SUFFIX = "~contoh"
LEVELS = {2: "provinsi", 4: "kabkota", 7: "kecamatan"}
#: Figures before this year are history: shown in series and tables, never as a current figure.
CURRENT_FROM = 2018
KEY_COLUMNS = ["indicator", "program", "unit", "period", "status"]


@dataclass(frozen=True, order=True)
class SeriesKey:
    """The identity of a series (hashable, so it can key caches)."""

    indicator: str
    program: str = ""
    unit: str = ""
    period: str = ""
    status: str = "resmi"

    @property
    def code(self) -> str:
        parts = [self.indicator, self.program, self.unit, self.period]
        while len(parts) > 1 and not parts[-1]:
            parts.pop()
        return ":".join(parts) + (CONTOH_SUFFIX if self.status == "contoh" else "")

    @classmethod
    def from_code(cls, code: str) -> SeriesKey:
        """The key a full code names (``ValueError`` when malformed)."""
        *parts, status = parse_code(code)
        return cls(*parts, *[""] * (4 - len(parts)), status)

    @classmethod
    def of(cls, row: object) -> SeriesKey:
        """The series a figure (dict, pandas row or namedtuple) belongs to."""
        get = row.get if hasattr(row, "get") else lambda k: getattr(row, k)  # type: ignore[union-attr]
        return cls(*(str(get(c) or "") for c in KEY_COLUMNS))


def parse_code(text: str) -> tuple[str, ...]:
    """The parts a (possibly short) series code names: ``(indicator, program, unit, period, status)``
    with only the given parts filled; raises ``ValueError`` on a malformed code."""
    status = "contoh" if text.endswith(CONTOH_SUFFIX) else "resmi"
    body = text.removesuffix(CONTOH_SUFFIX)
    parts = body.split(":")
    if not parts[0] or len(parts) > 4 or any(ch in body for ch in "\n\r\t<>"):
        raise ValueError(f"kode seri tidak valid: {text!r}")
    return (*parts, status)


def figures(stats: pd.DataFrame, key: SeriesKey) -> pd.DataFrame:
    """The displayed, dated figures of one series (every region and year)."""
    data = stats[stats["displayed"] & stats["year"].notna()]
    mask = (data["indicator"] == key.indicator) & (data["program"] == key.program) & (data["unit"] == key.unit) \
        & (data["period"] == key.period) & (data["status"] == key.status)
    return data[mask]


def level_of(codes: pd.Series) -> pd.Series:
    return codes.str.len().map(LEVELS)


def catalogue(stats: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """One row per series with dated figures: its key, label, years per level, counts and statuses.

    Columns: ``key`` (SeriesKey), ``code``, ``label``, ``indicator``, ``program``, ``unit``, ``period``,
    ``status``, ``years`` (kab/kota years, for maps), ``kecamatan_years``, ``province_years``,
    ``all_years``, ``figures`` (how many), ``latest`` (latest year at any level). Sorted by label.
    """
    data = stats[stats["displayed"] & stats["year"].notna()]
    data = data.assign(level=level_of(data["kode_wilayah"]), year=data["year"].astype(int))
    rows = []
    for values, group in data.groupby(KEY_COLUMNS, sort=True):
        key = SeriesKey(*values)
        by_level = {lvl: sorted(set(group.loc[group.level == lvl, "year"])) for lvl in LEVELS.values()}
        rows.append({"key": key, "code": key.code, "indicator": key.indicator, "program": key.program,
                     "unit": key.unit, "period": key.period, "status": key.status,
                     "years": by_level["kabkota"], "kecamatan_years": by_level["kecamatan"],
                     "province_years": by_level["provinsi"], "all_years": sorted(set(group["year"])),
                     "figures": len(group), "latest": int(group["year"].max())})
    frame = pd.DataFrame(rows, columns=["key", "code", "indicator", "program", "unit", "period", "status", "years",
                                        "kecamatan_years", "province_years", "all_years", "figures", "latest"])
    frame["label"] = labels(frame, lang)
    return frame.sort_values(["label", "code"]).reset_index(drop=True)


def labels(frame: pd.DataFrame, lang: str = "id") -> list[str]:
    """Display names of catalogue rows; unit and period are named where they tell series apart."""
    base = [series_label(i, p, lang) for i, p in zip(frame["indicator"], frame["program"], strict=True)]
    counts = pd.Series(base).value_counts()
    out = []
    for name, row in zip(base, frame.itertuples(), strict=True):
        extra = []
        if counts[name] > 1 and row.unit:
            extra.append(row.unit)
        if row.period:
            extra.append(period_name(row.period, lang))
        text = f"{name} ({', '.join(extra)})" if extra else name
        if row.status == "contoh":
            text += " · DATA CONTOH" if lang == "id" else " · SAMPLE DATA"
        out.append(text)
    return out


def resolve(catalogue_frame: pd.DataFrame, code: str | None) -> SeriesKey | None:
    """The series a URL code names: exact, else the best match of a short code; None if none."""
    if not code or catalogue_frame.empty:
        return None
    exact = catalogue_frame[catalogue_frame["code"] == code]
    if len(exact):
        return exact.iloc[0]["key"]
    try:
        parts = parse_code(code)
    except ValueError:
        return None
    *named, status = parts
    match = catalogue_frame[catalogue_frame["status"] == status]
    for column, value in zip(("indicator", "program", "unit", "period"), named, strict=False):
        match = match[match[column] == value]
    if match.empty:
        return None
    return match.sort_values(["figures", "latest"], ascending=False).iloc[0]["key"]


def region_series(stats: pd.DataFrame, key: SeriesKey, code: str) -> pd.DataFrame:
    """One region's figures of a series, oldest first (one per year; see :func:`one_per_year`)."""
    data = figures(stats, key)
    return one_per_year(data[data["kode_wilayah"] == code])


def one_per_year(frame: pd.DataFrame, within: tuple[str, ...] = ()) -> pd.DataFrame:
    """Check that a series has one displayed figure per region and year, and sort it.

    Within a series (same unit and period) the import marks exactly one figure per fact as displayed;
    two here would be a bug upstream, so it raises instead of picking one silently. ``within`` names
    further key columns when ``frame`` holds several series (e.g. ``("program",)``).
    """
    dupes = frame.duplicated([*within, "kode_wilayah", "year"], keep=False)
    if dupes.any():
        clash = frame.loc[dupes, ["kode_wilayah", "year", "fig_id"]].to_dict("records")
        raise ValueError(f"dua angka tampil untuk wilayah dan tahun yang sama dalam satu seri: {clash}")
    return frame.sort_values([*within, "kode_wilayah", "year"])

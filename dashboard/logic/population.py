"""Population denominators for per-capita rates: stated, matching, never silent.

A rate "per 1.000 penduduk" divides a figure of year Y by a published population series (one
indicator, unit and period: BPS projection, Sensus Penduduk 2020 or Dukcapil registrations, never
mixed) that covers every region shown. The population of year Y is used where it is published;
otherwise the nearest year, and the label names the series and its year ("per 1.000 penduduk,
penduduk SP2020"). Among equally near years, BPS figures come before Dukcapil registrations.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.logic.series import SeriesKey
from dashboard.text import fmt

#: Population indicators in order of preference, with the name used in labels (id, en).
SOURCES = {
    "jumlah_penduduk_proyeksi_bps": ("proyeksi BPS", "BPS projection"),
    "jumlah_penduduk_sp2020": ("Sensus Penduduk 2020", "2020 Population Census"),
    "jumlah_penduduk_dukcapil": ("Dukcapil", "Dukcapil registrations"),
}


@dataclass(frozen=True)
class Denominator:
    """Residents per region from one published population series and year."""

    key: SeriesKey
    year: int
    values: dict[str, float]

    def name(self, lang: str = "id") -> str:
        """``Sensus Penduduk 2020`` / ``proyeksi BPS 2024`` / ``Dukcapil Semester II 2024``."""
        base = SOURCES[self.key.indicator][0 if lang == "id" else 1]
        if self.key.indicator == "jumlah_penduduk_sp2020":
            return base
        period = f" {self.key.period}" if self.key.period else ""
        return f"{base}{period} {self.year}"

    def label(self, per: int, for_year: int, lang: str = "id") -> str:
        """``per 1.000 penduduk (Sensus Penduduk 2020)``; says so when the year differs."""
        per_text = fmt.number(per, 0, lang)
        if lang == "id":
            note = "" if self.year == for_year else f"; penduduk tahun {self.year}, bukan {for_year}"
            return f"per {per_text} penduduk ({self.name(lang)}{note})"
        note = "" if self.year == for_year else f"; population of {self.year}, not {for_year}"
        return f"per {per_text} residents ({self.name(lang)}{note})"


def choose(stats: pd.DataFrame, year: int, codes: list[str]) -> Denominator | None:
    """The population series and year to divide figures of ``year`` for ``codes`` by, or None.

    Only published (``resmi``) population figures are denominators, and only a series-year that
    covers every one of ``codes``.
    """
    data = stats[stats["displayed"] & stats["year"].notna() & stats["indicator"].isin(list(SOURCES))
                 & (stats["status"] == "resmi") & stats["kode_wilayah"].isin(codes)]
    best, best_rank = None, None
    for values, group in data.groupby(["indicator", "program", "unit", "period", "status", "year"], sort=True):
        *key_parts, y = values
        if set(group["kode_wilayah"]) != set(codes) or group["kode_wilayah"].duplicated().any():
            continue
        rank = (abs(int(y) - year), list(SOURCES).index(key_parts[0]), -int(y))
        if best_rank is None or rank < best_rank:
            best_rank = rank
            best = Denominator(SeriesKey(*key_parts), int(y), dict(zip(group["kode_wilayah"], group["value"], strict=True)))
    return best


def add_rate(frame: pd.DataFrame, denominator: Denominator, per: int) -> pd.DataFrame:
    """Add ``penduduk`` and ``rate`` (value per ``per`` residents; NaN where the value is missing)."""
    residents = frame["kode_wilayah"].map(denominator.values)
    return frame.assign(penduduk=residents, rate=frame["value"] / residents * per)

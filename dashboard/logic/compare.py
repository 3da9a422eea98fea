"""The one rule for "naik/turun X %": a change is stated only between comparable figures.

Two figures are comparable when they belong to the same series (indicator, programme, unit, period
type, status: :class:`dashboard.logic.series.SeriesKey`) and region, the earlier one is not zero, and
neither is an approximation ("sekitar", "lebih dari"). A figure rounded at the source gives a change
rounded to whole percent and said to be approximate. Rates published in percent change by percentage
points, not by percent. Otherwise the text says why there is no comparison.

Beranda, Tren, Wilayah, the briefing slides, the light pages and the figure cards all call
:func:`change`; none computes a change itself.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard.logic.series import SeriesKey
from dashboard.text import fmt

_TEXT = {
    "id": {
        "no_previous": "belum ada angka sebelumnya dalam seri ini",
        "status": "tidak dibandingkan dengan {year}: status angka berbeda (resmi dan DATA CONTOH)",
        "unit": "tidak dibandingkan dengan {year}: satuan berbeda ({a} dan {b})",
        "period": "tidak dibandingkan dengan {year}: periode berbeda ({a} dan {b})",
        "series": "tidak dibandingkan dengan {year}: definisi angka berbeda",
        "region": "tidak dibandingkan dengan {year}: wilayah berbeda",
        "approx": "tidak dibandingkan dengan {year}: salah satu angka adalah perkiraan",
        "zero": "tidak dihitung persentasenya: angka {year} adalah 0",
        "same": "sama dengan {year}",
        "up": "naik", "down": "turun", "from": "dari", "about": "sekitar", "points": "poin persen",
    },
    "en": {
        "no_previous": "no earlier figure in this series",
        "status": "not compared with {year}: different status (official and SAMPLE DATA)",
        "unit": "not compared with {year}: different units ({a} and {b})",
        "period": "not compared with {year}: different periods ({a} and {b})",
        "series": "not compared with {year}: different definitions",
        "region": "not compared with {year}: different regions",
        "approx": "not compared with {year}: one of the figures is an approximation",
        "zero": "no percentage change: the {year} figure is 0",
        "same": "unchanged from {year}",
        "up": "up", "down": "down", "from": "from", "about": "about", "points": "percentage points",
    },
}


@dataclass(frozen=True)
class Change:
    """The change between a figure and an earlier one, or why none is stated."""

    comparable: bool
    prev_year: int | None = None
    delta: float | None = None  # percent, or percentage points when ``points``
    points: bool = False
    rounded: bool = False
    reason: str = ""
    detail: tuple[str, str] = ("", "")

    def text(self, lang: str = "id") -> str:
        words = _TEXT[lang]
        if not self.comparable:
            a, b = self.detail
            return words[self.reason].format(year=self.prev_year, a=a, b=b)
        decimals = 0 if self.rounded else 1 if not self.points else 2
        if round(self.delta, decimals) == 0:
            return words["same"].format(year=self.prev_year)
        size = fmt.number(abs(self.delta), decimals, lang)
        size = f"{size} {words['points']}" if self.points else f"{size}%"
        about = f"{words['about']} " if self.rounded else ""
        direction = words["up"] if self.delta > 0 else words["down"]
        return f"{direction} {about}{size} {words['from']} {self.prev_year}"

    @property
    def arrow(self) -> str:
        """``▲`` / ``▼`` / ``=`` for a small panel, or "" when there is no comparison."""
        if not self.comparable:
            return ""
        decimals = 0 if self.rounded else 1
        return "=" if round(self.delta, decimals) == 0 else "▲" if self.delta > 0 else "▼"


def _get(fig: object, name: str) -> object:
    if isinstance(fig, Mapping):
        return fig.get(name)
    if isinstance(fig, pd.Series):
        return fig.get(name)
    return getattr(fig, name, None)


def _blank(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def change(latest: object, previous: object | None) -> Change:
    """The change from ``previous`` to ``latest`` (figures as dicts, pandas rows or namedtuples)."""
    if previous is None:
        return Change(False, reason="no_previous")
    prev_year = int(_get(previous, "year"))
    for reason, column in (("status", "status"), ("unit", "unit"), ("period", "period")):
        a, b = str(_get(previous, column) or ""), str(_get(latest, column) or "")
        if a != b:
            return Change(False, prev_year, reason=reason, detail=(a or "-", b or "-"))
    if SeriesKey.of(previous) != SeriesKey.of(latest):
        return Change(False, prev_year, reason="series")
    if _get(previous, "kode_wilayah") != _get(latest, "kode_wilayah"):
        return Change(False, prev_year, reason="region")
    if any(str(_get(f, "approx") or "") for f in (latest, previous)):
        return Change(False, prev_year, reason="approx")
    old, new = float(_get(previous, "value")), float(_get(latest, "value"))
    rounded = any(not _blank(_get(f, "precision")) for f in (latest, previous))
    if str(_get(latest, "unit")) == "persen":
        return Change(True, prev_year, new - old, points=True, rounded=rounded)
    if old == 0:
        return Change(False, prev_year, reason="zero")
    return Change(True, prev_year, (new - old) / old * 100, rounded=rounded)


def previous_in_series(series_rows: pd.DataFrame, year: int) -> pd.Series | None:
    """The latest figure before ``year`` in one region's rows of one series, or None."""
    earlier = series_rows[series_rows["year"] < year]
    if earlier.empty:
        return None
    return earlier.sort_values("year").iloc[-1]

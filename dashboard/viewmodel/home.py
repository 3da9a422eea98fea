"""Beranda: the headline figures of the province and the featured map, chosen from what exists.

Headlines come from series with a province figure of :data:`~dashboard.logic.series.CURRENT_FROM` or
later, published series first, in the order of :data:`HEADLINE_PREFERENCE` (then any other published
province series, latest first). The featured map is the series with every kab/kota in its latest
year (the most recent such year wins; a programme beats a general indicator in a tie). Nothing is
hard-wired to a series that may have no published figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.data import reference
from dashboard.logic import classify, derive, series
from dashboard.logic.compare import Change
from dashboard.logic.figtext import series_label, value_text
from dashboard.logic.series import SeriesKey

MAX_HEADLINES = 6
#: (indicator, programme) pairs in the order the landing page prefers them.
HEADLINE_PREFERENCE = [
    ("penduduk_miskin", ""), ("persentase_penduduk_miskin", ""), ("penerima", "JSK"), ("penerima", "UEP"),
    ("penerima", "JSLU"), ("penerima", "PKH"), ("jumlah_psks", "TAGANA"), ("jumlah_psks", "TKSK"),
    ("ipm", ""), ("penerima", "BLT_BBM"),
]
#: Indicators that describe the place rather than welfare (never a headline or the featured map).
PLACE_INDICATORS = {"luas_wilayah", "jumlah_kecamatan", "jumlah_kelurahan", "jumlah_desa"}


@dataclass(frozen=True)
class HeadlineCard:
    """One headline figure, ready to render (texts are raw; renderers escape)."""

    key: SeriesKey
    label: str
    value: float
    value_text: str
    unit: str
    precision: float | None
    approx: str
    year: int
    period: str
    year_inferred: bool
    status: str
    source_type: str
    source_title: str
    source_date: str  # as stored (ISO); renderers format it
    fig_id: str
    change: Change

    def change_text(self, lang: str = "id") -> str:
        return self.change.text(lang)

    @property
    def figure(self) -> dict:
        """The fields :func:`dashboard.logic.figtext.value_text` reads."""
        return {"value": self.value, "unit": self.unit, "precision": self.precision, "approx": self.approx}


def _province_series(stats: pd.DataFrame, lang: str) -> pd.DataFrame:
    cat = series.catalogue(stats, lang)
    cat = cat[cat["province_years"].map(lambda ys: bool(ys) and max(ys) >= series.CURRENT_FROM)]
    return cat[~cat["indicator"].isin(PLACE_INDICATORS)]


def headline_cards(stats: pd.DataFrame, lang: str = "id", up_to: int | None = None) -> list[HeadlineCard]:
    """Up to :data:`MAX_HEADLINES` province figures (latest year each, at or before ``up_to``)."""
    cat = _province_series(stats, lang)
    order = {pair: n for n, pair in enumerate(HEADLINE_PREFERENCE)}
    cat = cat.assign(
        _pref=[order.get((i, p), len(order)) for i, p in zip(cat["indicator"], cat["program"], strict=True)],
        _contoh=cat["status"].eq("contoh"), _latest=-cat["province_years"].map(max))
    # One card per (indicator, programme): its best series (published first, most figures).
    cat = cat.sort_values(["_contoh", "_pref", "_latest", "figures"], ascending=[True, True, True, False])
    cat = cat.drop_duplicates(["indicator", "program"]).head(MAX_HEADLINES * 2)
    cards = []
    for key in cat["key"]:
        latest, change = derive.latest_with_change(stats, key, reference.PROVINCE_CODE, up_to)
        if latest is None or latest["year"] < series.CURRENT_FROM:
            continue
        cards.append(HeadlineCard(
            key, series_label(key.indicator, key.program, lang), latest["value"], value_text(latest, lang),
            latest["unit"], None if pd.isna(latest["precision"]) else latest["precision"], latest["approx"],
            int(latest["year"]), latest["period"], bool(latest["year_inferred"]), latest["status"],
            latest["source_type"], latest["source_title"], latest["source_date"],
            latest["fig_id"], change))
        if len(cards) == MAX_HEADLINES:
            break
    return cards


@dataclass(frozen=True)
class Featured:
    """The featured map: every kab/kota's figure of one series in one year, with classes."""

    key: SeriesKey
    year: int
    label: str
    table: pd.DataFrame  # derive.slice_regions columns
    classes: classify.Classes
    status: str


def featured_key(stats: pd.DataFrame) -> tuple[SeriesKey, int] | None:
    """The series and year of the featured map (see the module docstring), or None."""
    cat = series.catalogue(stats)
    cat = cat[~cat["indicator"].isin(PLACE_INDICATORS) & ~cat["indicator"].str.startswith("jumlah_penduduk")]
    best, best_rank = None, None
    for row in cat.itertuples():
        frame = series.figures(stats, row.key)
        kab = frame[frame["kode_wilayah"].str.len() == 4]
        counts = kab.groupby("year")["kode_wilayah"].nunique()
        complete = [int(y) for y, n in counts.items() if n == 8 and y >= series.CURRENT_FROM]
        if not complete:
            continue
        rank = (row.status == "resmi", max(complete), bool(row.program), row.figures)
        if best_rank is None or rank > best_rank:
            best, best_rank = (row.key, max(complete)), rank
    return best


def featured(stats: pd.DataFrame, lang: str = "id") -> Featured | None:
    chosen = featured_key(stats)
    if chosen is None:
        return None
    key, year = chosen
    table = derive.add_rank(derive.slice_regions(stats, key, year, "kabkota"))
    return Featured(key, year, series_label(key.indicator, key.program, lang), table,
                    classify.classify(table["value"], lang=lang), derive.status_summary(table["status"]))

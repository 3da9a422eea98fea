"""What the light edition shows, as plain data: headline cards, the featured map, region profiles.

Pure functions over the statistics table (built on :mod:`dashboard.logic.derive`), shared by the HTML
pages and the preview images so both always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from dashboard.data import reference
from dashboard.logic import classify, derive, fmt

FEATURED = ("penerima", "UEP")
#: Indicators without a programme that make up the "people and place" part of a profile.
BASICS = ["jumlah_penduduk_sp2020", "jumlah_penduduk_dukcapil", "penduduk_miskin", "persentase_penduduk_miskin",
          "luas_wilayah", "jumlah_kecamatan", "jumlah_kelurahan", "jumlah_desa"]
PROFILE_GROUPS = [("dasar", "Penduduk, wilayah dan kemiskinan"), ("program", "Program dan bantuan"),
                  ("psks", "Potensi dan sumber kesejahteraan sosial (PSKS)"), ("lain", "Lainnya")]


@lru_cache(maxsize=512)
def label(indicator: str, program: str) -> str:
    """:func:`dashboard.logic.derive.series_label`, memoised: thousands of cards share ~70 series."""
    return derive.series_label(indicator, program)


def change_text(status: str, prev_status: str | None, value: float, prev_value: float | None,
                prev_year: int | None, year: int) -> str:
    """The change from the year before, only between figures of the same status.

    A resmi figure is never compared with a contoh one (nor the reverse): the text then says why no
    change is shown.
    """
    if prev_year is None or prev_value is None or pd.isna(prev_value):
        return f"tidak ada angka {year - 1} sebagai pembanding"
    if prev_status != status:
        if status == "resmi":
            return f"tidak ada angka resmi {prev_year} sebagai pembanding"
        return f"tidak dibandingkan dengan {prev_year} (status angka berbeda)"
    return fmt.change_sentence(value, prev_value, prev_year)


@dataclass(frozen=True)
class Headline:
    """One headline card of the landing page."""

    key: str  # "<indicator>-<program>", stable id for the card
    label: str
    value: float
    unit: str
    year: int
    status: str
    change: str
    source_title: str
    source_date: str
    fig_id: str


def headline_cards(stats: pd.DataFrame) -> list[Headline]:
    """Province headline figures (latest year each) with a same-status change from the year before."""
    heads = derive.headlines(stats)
    cards = []
    for h in heads.to_dict("records"):
        prev_year = None if pd.isna(h["prev_year"]) else int(h["prev_year"])
        change = change_text(h["status"], h["prev_status"], h["value"], h["prev_value"], prev_year, h["year"])
        cards.append(Headline(f"{h['indicator']}-{h['program']}".strip("-"),
                              label(h["indicator"], h["program"]), h["value"], h["unit"],
                              int(h["year"]), h["status"], change, h["source_title"], h["source_date"], h["fig_id"]))
    return cards


def lead_headline(cards: list[Headline]) -> Headline | None:
    """The headline the landing page's link preview leads with: the featured series, else the first."""
    key = "-".join(FEATURED)
    return next((c for c in cards if c.key == key), cards[0] if cards else None)


@dataclass(frozen=True)
class Featured:
    """The featured series of the landing page: every kab/kota's figure for one year, with classes."""

    indicator: str
    program: str
    year: int
    label: str
    table: pd.DataFrame  # derive.slice_regions columns
    classes: classify.Classes
    status: str  # resmi, contoh, campuran or ""

    @property
    def series_key(self) -> str:
        return f"{self.indicator}:{self.program}"


def featured(stats: pd.DataFrame, indicator: str = FEATURED[0], program: str = FEATURED[1]) -> Featured | None:
    """The latest year of the featured series at kab/kota level, or None when it has no figures."""
    data = derive.shown(stats)
    data = data[(data.indicator == indicator) & (data.program == program) & (data.kode_wilayah.str.len() == 4)]
    if data.empty:
        return None
    year = int(data["year"].max())
    table = derive.slice_regions(stats, indicator, program, year, "kabkota")
    return Featured(indicator, program, year, label(indicator, program), table,
                    classify.classify(table["value"]), derive.status_summary(table["status"]))


def _group_of(indicator: str, program: str, kinds: dict[str, str]) -> str:
    if not program and indicator in BASICS:
        return "dasar"
    return kinds.get(program, "lain")


def region_profile(stats: pd.DataFrame, code: str) -> pd.DataFrame:
    """Latest figure of every series of one kab/kota with rank and a ``group`` column.

    Groups follow :data:`PROFILE_GROUPS`; basics keep the order of :data:`BASICS`, the rest is sorted by
    label.
    """
    # derive only reads kab/kota rows: handing it just those makes it ~3x faster, same result.
    profile = derive.region_profile(stats[stats.kode_wilayah.str.len() == 4], code)
    if profile.empty:
        return profile.assign(group=[], label=[])
    kinds = dict(zip(reference.programs().kode, reference.programs().jenis, strict=True))
    profile = profile.assign(
        group=[_group_of(i, p, kinds) for i, p in zip(profile.indicator, profile.program, strict=True)],
        label=[label(i, p) for i, p in zip(profile.indicator, profile.program, strict=True)],
    )
    order = {name: n for n, (name, _) in enumerate(PROFILE_GROUPS)}
    basic_order = {name: n for n, name in enumerate(BASICS)}
    profile = profile.assign(_g=profile.group.map(order),
                             _b=profile.indicator.map(basic_order).fillna(len(BASICS)))
    return profile.sort_values(["_g", "_b", "label"]).drop(columns=["_g", "_b"]).reset_index(drop=True)


def region_headline(profile: pd.DataFrame) -> pd.Series | None:
    """The figure a region's preview and link text lead with: the featured series, else population."""
    for indicator, program in (FEATURED, ("jumlah_penduduk_sp2020", "")):
        rows = profile[(profile.indicator == indicator) & (profile.program == program)]
        if len(rows):
            return rows.iloc[0]
    return profile.iloc[0] if len(profile) else None


def cards_frame(stats: pd.DataFrame) -> pd.DataFrame:
    """The figures that get a card page: displayed and with a year (what the maps and trends use)."""
    return derive.shown(stats).reset_index(drop=True)

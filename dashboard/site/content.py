"""What the light edition shows, taken from the shared view models (:mod:`dashboard.viewmodel`).

The light pages render the same headline cards, featured map and region profiles as the interactive
app; this module only adds what is specific to static pages (memoised labels, the figure that leads
a page's link preview, which figures get a card page).
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from dashboard.logic import derive
from dashboard.logic.figtext import series_label
from dashboard.viewmodel.home import HeadlineCard
from dashboard.viewmodel.profile import ProfileRow, ProfileView

#: Group titles of a profile page, in order.
PROFILE_GROUPS = [("dasar", "Penduduk, wilayah dan kemiskinan"), ("program", "Program dan bantuan"),
                  ("psks", "Potensi dan sumber kesejahteraan sosial (PSKS)"), ("lain", "Lainnya"),
                  ("riwayat", "Riwayat: angka terakhir yang terbit sebelum 2018")]


@lru_cache(maxsize=512)
def label(indicator: str, program: str) -> str:
    """:func:`dashboard.logic.figtext.series_label`, memoised: thousands of cards share the series."""
    return series_label(indicator, program)


def lead_headline(cards: list[HeadlineCard]) -> HeadlineCard | None:
    """The headline the landing page's link preview leads with: the first one."""
    return cards[0] if cards else None


def region_headline(profile: ProfileView) -> ProfileRow | None:
    """The figure a region's preview and link text lead with: the first current figure of the profile."""
    current = [r for r in profile.rows if r.group != "riwayat"]
    return (current or profile.rows or [None])[0]


def cards_frame(stats: pd.DataFrame) -> pd.DataFrame:
    """The figures that get a card page: displayed and with a year (what the maps and trends use)."""
    return derive.shown(stats).reset_index(drop=True)

"""Cari Angka and the light edition's figure pages: one figure as a card, with its citation.

The card is plain data (texts are raw; renderers escape): the value as published, the series label,
region and period, the source with its type and date, a sentence to paste, a short credit line, the
permalink, "Dari mana angka ini?" and the change from the figure before in the same series.
"""

from __future__ import annotations

import pandas as pd

from dashboard.logic import citation, compare, series
from dashboard.logic.figtext import as_dict

FigureCard = dict


def figure_card(stats: pd.DataFrame, fig: object, lang: str = "id", base_url: str = "") -> FigureCard:
    """Everything a card shows for one figure (see :func:`dashboard.logic.citation.figure_card`),
    plus ``change``: the change from the previous figure of the same series and region, as text."""
    f = as_dict(fig)
    card = citation.figure_card(stats, f, lang, base_url)
    card["change"] = ""
    if f.get("displayed") and not pd.isna(f.get("year")):
        rows = series.region_series(stats, series.SeriesKey.of(f), f["kode_wilayah"])
        previous = compare.previous_in_series(rows, int(f["year"]))
        card["change"] = compare.change(f, previous).text(lang)
    return card

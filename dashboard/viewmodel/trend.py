"""Tren: one series over the years for the chosen regions, with each region's latest change.

Points of one series only; a year without a figure is a gap in the line, never filled; the change
sentence comes from :func:`dashboard.logic.compare.change`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.data import reference
from dashboard.logic import derive, export
from dashboard.logic.charts import FigureMeta
from dashboard.logic.figtext import period_text, series_label, value_text
from dashboard.logic.series import SeriesKey
from dashboard.viewmodel.common import csv_bytes, label_contoh, sources_text


@dataclass(frozen=True)
class TrendView:
    key: SeriesKey
    frame: pd.DataFrame  # derive.trend columns + value_text
    meta: FigureMeta
    sentences: list[str]
    table: pd.DataFrame
    status: str

    @property
    def sentence(self) -> str:
        return " ".join(self.sentences)

    @property
    def csv(self) -> bytes:
        return csv_bytes(self.table)

    @property
    def empty(self) -> bool:
        return self.frame.empty

    def pivot(self) -> pd.DataFrame:
        """Regions by year, values as published (rounded figures stay rounded)."""
        if self.frame.empty:
            return pd.DataFrame()
        return self.frame.pivot_table(index="nama", columns="year", values="value_text", aggfunc="first").fillna("")

    def png(self) -> bytes:
        sources = export.sources_with_dates(self.frame, self.meta.lang) or self.meta.source
        return export.trend_png(self.frame, self.meta.title, self.meta.unit, self.meta.period, sources,
                                self.status or "resmi", self.meta.data_per, self.meta.lang)


def trend_view(stats: pd.DataFrame, key: SeriesKey, codes: list[str], lang: str, data_per: str) -> TrendView:
    """Yearly points of the chosen regions, their latest change, the table and the download."""
    frame = derive.trend(stats, key, codes)
    frame = frame.assign(value_text=[value_text(r, lang) for r in frame.to_dict("records")])
    status = derive.status_summary(frame["status"])
    years = f"{frame['year'].min()}–{frame['year'].max()}" if len(frame) else ""
    if key.period and years:
        years = f"{key.period}, {years}"
    meta = FigureMeta(series_label(key.indicator, key.program, lang), key.unit, years, sources_text(frame, lang),
                      status, data_per, lang)
    names = reference.region_names()
    sentences = []
    for code in codes:
        own = frame[frame["kode_wilayah"] == code]
        if own.empty:
            continue
        last = own.iloc[-1].to_dict()
        sentences.append(f"{names.get(code, code)}: {last['value_text']} ({period_text(last, lang)}), "
                         f"{last['change'].text(lang)}.")
    table = frame.assign(indicator=key.indicator, program=key.program)[
        ["kode_wilayah", "nama", "indicator", "program", "year", "period", "value", "unit", "precision", "approx",
         "change_pct", "status", "source_type", "source_title", "source_date", "fig_id"]]
    return TrendView(key, frame, meta, sentences, label_contoh(table), status)

"""Peta (and every map block): one series in one year, per kab/kota or kecamatan, as plain data.

Counts, or rates per 1.000/10.000 residents with a stated denominator
(:mod:`dashboard.logic.population`); classes by a stated method; a sentence naming the highest and
lowest region; the table and CSV of exactly what is shown. Values are shown as published (a rounded
figure stays rounded, an approximation says "sekitar").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.data import reference
from dashboard.logic import classify, derive, export, population
from dashboard.logic.charts import FigureMeta
from dashboard.logic.figtext import series_label, unit_text, value_text
from dashboard.logic.series import SeriesKey
from dashboard.text import fmt
from dashboard.text.i18n import t
from dashboard.viewmodel.common import csv_bytes, label_contoh, sources_text

MEASURES = {"count": None, "rate_1000": 1000, "rate_10000": 10000}
LEVELS = ("kabkota", "kecamatan")


def per_capita(indicator: str) -> bool:
    """Whether a rate per residents makes sense for an indicator (catalogue column ``per_kapita``)."""
    cat = reference.indicators().set_index("kode")
    return indicator in cat.index and cat.at[indicator, "per_kapita"] == "ya"


@dataclass(frozen=True)
class MapView:
    """Everything one map view shows (read-only; built once per release and choice)."""

    key: SeriesKey
    year: int
    level: str
    measure: str
    frame: pd.DataFrame  # slice_regions columns + value_text, rank (+ penduduk, rate)
    value_col: str
    classes: classify.Classes
    meta: FigureMeta
    sentence: str
    table: pd.DataFrame  # what the CSV holds
    status: str
    denominator: population.Denominator | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def csv(self) -> bytes:
        return csv_bytes(self.table)

    @property
    def empty(self) -> bool:
        return bool(self.frame["value"].isna().all())

    def png(self) -> bytes:
        """The ranked bars as a PNG with title, unit, period, every source, status and date inside it."""
        data = self.frame.dropna(subset=[self.value_col])
        sources = export.sources_with_dates(data, self.meta.lang) or self.meta.source
        if self.denominator is not None:
            sources += f"; {t('common.population', self.meta.lang)}: {self.denominator.name(self.meta.lang)}"
        picture = pd.DataFrame({"label": data["nama"], "value": data[self.value_col], "status": data["status"]})
        return export.chart_png(picture, self.meta.title, self.meta.unit, self.meta.period, sources,
                                self.meta.status or "resmi", self.meta.data_per, self.meta.lang)


def short_text(text: str, unit: str) -> str:
    """A value as published without its unit (as shown in the text's language), for a bar label
    (``37.741``, ``791,61 ribu``, ``9,27%``)."""
    return text[: -len(unit) - 1] if unit and text.endswith(f" {unit}") else text


def decimals_of(values: pd.Series) -> int:
    """How many decimals the published values use (0-2), so class labels do not hide them."""
    present = values.dropna()
    for decimals in (0, 1):
        if ((present * 10**decimals).round(6) % 1 == 0).all():
            return decimals
    return 2


def extremes_sentence(frame: pd.DataFrame, value_col: str, unit: str, lang: str) -> str:
    """``Tertinggi: Kab. Lebak (1.234 KPM); terendah: ...`` plus how many regions have no data."""
    data = frame.dropna(subset=[value_col])
    if data.empty:
        return t("common.no_data", lang)
    top, low = data.loc[data[value_col].idxmax()], data.loc[data[value_col].idxmin()]

    def show(row: pd.Series) -> str:
        text = f"{fmt.number(row['rate'], 1, lang)} {unit}" if value_col == "rate" else row["value_text"]
        return f"{row['nama']} ({text})"

    parts = [t("peta.extremes", lang, top=show(top), low=show(low))]
    contoh = int((frame["status"] == "contoh").sum())
    if contoh:
        parts.append(t("peta.contoh_count", lang, n=contoh, total=len(frame)))
    missing = len(frame) - len(data)
    if missing:
        parts.append(t("peta.missing_count", lang, n=missing))
    return " ".join(parts)


def map_view(stats: pd.DataFrame, key: SeriesKey, year: int, level: str, measure: str, method: str,
             within: str | None, lang: str, data_per: str) -> MapView:
    """Table, classes and sentence of one series, year and level (see :class:`MapView`)."""
    frame = derive.slice_regions(stats, key, year, level, within)
    frame["value_text"] = [value_text(r, lang) if pd.notna(r["value"]) else fmt.MISSING[lang]
                           for r in frame.to_dict("records")]
    frame["short_text"] = [short_text(text, unit_text(key.unit, lang)) for text in frame["value_text"]]
    per = MEASURES[measure] if level == "kabkota" and per_capita(key.indicator) else None
    denominator = population.choose(stats, year, list(frame["kode_wilayah"])) if per else None
    value_col, unit_label, notes = "value", key.unit, []
    if per and denominator is None:
        notes.append(t("peta.no_denominator", lang, year=year))
    if per and denominator is not None:
        frame = population.add_rate(frame, denominator, per)
        value_col = "rate"
        unit_label = f"{key.unit} {denominator.label(per, year, lang)}"
    frame = derive.add_rank(frame, value_col)
    decimals = 1 if value_col == "rate" else decimals_of(frame["value"])
    classes = classify.classify(frame[value_col], method, lang=lang, decimals=decimals)
    status = derive.status_summary(frame["status"])
    period = f"{key.period} {year}".strip()
    source = sources_text(frame, lang)
    if denominator is not None:
        source += f"; {t('common.population', lang)}: {denominator.name(lang)}"
    meta = FigureMeta(series_label(key.indicator, key.program, lang), unit_label, period, source, status, data_per,
                      lang)
    scope = t(f"common.level_{level}", lang).lower()
    sentence = f"{meta.title}, {scope}, {period}. " + extremes_sentence(frame, value_col, unit_label, lang)
    cols = ["kode_wilayah", "nama", "year", "period", "value", "unit", "precision", "approx"]
    if value_col == "rate":
        cols += ["penduduk", "rate"]
    cols += ["rank", "status", "source_type", "source_title", "source_date", "fig_id"]
    table = frame.assign(indicator=key.indicator, program=key.program, year=year, period=key.period)
    table = label_contoh(table[["indicator", "program", *cols]])
    if denominator is not None:
        table = table.assign(sumber_penduduk=denominator.name(lang))
    return MapView(key, year, level, measure, frame, value_col, classes, meta, sentence, table, status,
                   denominator, notes)

"""The one place numbers, money, percentages and dates are formatted for people.

Bahasa Indonesia by default (``1.234.567``; ``12,5%``; ``Rp1,2 miliar``; ``5 Maret 2024``), English
with ``lang="en"``. CSV downloads keep raw numbers and never pass through here. Built on babel (CLDR
data) rather than hand-written separators, so month names and grouping are right in both languages.
"""

from __future__ import annotations

import math
import numbers
from datetime import date, datetime

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

#: Parsed once: babel otherwise parses the locale string on every call (a visible cost per page run).
LOCALES = {"id": Locale.parse("id_ID"), "en": Locale.parse("en_GB")}
MISSING = {"id": "tidak ada data", "en": "no data"}
_SCALES_ID = [(1e12, "triliun"), (1e9, "miliar"), (1e6, "juta"), (1e3, "ribu")]
_SCALES_EN = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand")]


def _missing(value: object) -> bool:
    # pd.NA comes from nullable columns (Int64 ranks, years); numpy NaNs are Real but not float.
    return value is None or value is pd.NA or (isinstance(value, numbers.Real) and math.isnan(value))


def number(value: float | int | None, decimals: int | None = None, lang: str = "id") -> str:
    """``1234567`` -> ``1.234.567``; ``decimals`` fixes the digits after the comma."""
    if _missing(value):
        return MISSING[lang]
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES[lang])


def percent(value: float | None, decimals: int = 1, lang: str = "id", signed: bool = False) -> str:
    """A value already in percent: ``12.5`` -> ``12,5%``; ``signed`` adds ``+`` for rises."""
    if _missing(value):
        return MISSING[lang]
    text = number(abs(value) if signed else value, decimals, lang) + "%"
    if signed:
        text = ("+" if value > 0 else "−" if value < 0 else "±") + text
    return text


def compact(value: float | None, lang: str = "id", decimals: int = 1) -> str:
    """Large numbers in words: ``1_200_000_000`` -> ``1,2 miliar``; below 1.000 plain."""
    if _missing(value):
        return MISSING[lang]
    if abs(value) < 1000:
        return number(value, lang=lang)
    # Largest scale whose *rounded* value reaches 1, so 999.999 reads "1 juta", not "1.000 ribu".
    for threshold, word in _SCALES_ID if lang == "id" else _SCALES_EN:
        scaled = round(value / threshold, decimals)
        if abs(scaled) >= 1:
            digits = 0 if float(scaled).is_integer() else decimals
            return f"{number(scaled, digits, lang)} {word}"
    return number(value, lang=lang)


def rupiah(value: float | None, lang: str = "id", exact: bool = False) -> str:
    """``1_200_000_000`` -> ``Rp1,2 miliar``; ``exact`` gives ``Rp1.200.000.000``."""
    if _missing(value):
        return MISSING[lang]
    if exact or abs(value) < 1e6:
        return "Rp" + number(value, 0, lang)
    return "Rp" + compact(value, lang)


def rate(value: float | None, per: int, lang: str = "id") -> str:
    """A rate per ``per`` residents: ``12.34, 1000`` -> ``12,3 per 1.000 penduduk``."""
    if _missing(value):
        return MISSING[lang]
    residents = "penduduk" if lang == "id" else "residents"
    return f"{number(value, 1, lang)} per {number(per, 0, lang)} {residents}"


def value_with_unit(value: float | None, unit: str, lang: str = "id") -> str:
    """A figure with its unit as people read it: rupiah as money, persen with %, else ``N unit``."""
    if _missing(value):
        return MISSING[lang]
    if unit.startswith("rupiah"):
        text = rupiah(value, lang)
        rest = unit[len("rupiah"):].strip()
        return f"{text} {rest}".strip()
    if unit == "persen":
        return percent(value, 2 if not float(value * 10).is_integer() else 1, lang)
    if unit == "km2":
        return f"{number(value, 1, lang)} km²"
    return f"{number(value, lang=lang)} {unit}"


def long_date(value: date | datetime | str, lang: str = "id") -> str:
    """``2024-03-05`` -> ``5 Maret 2024`` (Indonesian month names)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value[:19]).date() if len(value) >= 10 else datetime.strptime(value, "%Y-%m").date()
    if isinstance(value, datetime):
        value = value.date()
    return format_date(value, format="d MMMM y", locale=LOCALES[lang])


def month_year(value: date | str, lang: str = "id") -> str:
    """``2024-03`` -> ``Maret 2024``."""
    if isinstance(value, str):
        value = datetime.strptime(value[:7], "%Y-%m").date()
    return format_date(value, format="MMMM y", locale=LOCALES[lang])


def plotly_separators(lang: str = "id") -> str:
    """Plotly ``layout.separators`` (decimal then thousands) for the language."""
    return ",." if lang == "id" else ".,"

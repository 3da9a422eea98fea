"""Formatting for people, in Bahasa Indonesia and English (dashboard/logic/fmt.py)."""

from __future__ import annotations

import math
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.text import fmt

CASES = [
    # (function, args, kwargs, Indonesian, English)
    (fmt.number, (1234567,), {}, "1.234.567", "1,234,567"),
    (fmt.number, (0,), {}, "0", "0"),
    (fmt.number, (2.5,), {}, "2,5", "2.5"),
    (fmt.number, (1234.567,), {"decimals": 2}, "1.234,57", "1,234.57"),
    (fmt.number, (16310.0,), {}, "16.310", "16,310"),
    (fmt.percent, (12.5,), {}, "12,5%", "12.5%"),
    (fmt.percent, (12.34,), {"signed": True}, "+12,3%", "+12.3%"),
    (fmt.percent, (-4.0,), {"signed": True}, "−4,0%", "−4.0%"),
    (fmt.percent, (0.0,), {"signed": True}, "±0,0%", "±0.0%"),
    (fmt.rupiah, (1_200_000_000,), {}, "Rp1,2 miliar", "Rp1.2 billion"),
    (fmt.rupiah, (600_000,), {}, "Rp600.000", "Rp600,000"),
    (fmt.rupiah, (2_500_000,), {}, "Rp2,5 juta", "Rp2.5 million"),
    (fmt.rupiah, (15_500_000_000,), {"exact": True}, "Rp15.500.000.000", "Rp15,500,000,000"),
    (fmt.rupiah, (999_999_999,), {}, "Rp1 miliar", "Rp1 billion"),
    (fmt.compact, (3_250_000,), {}, "3,2 juta", "3.2 million"),
    (fmt.compact, (12_881_374,), {}, "12,9 juta", "12.9 million"),
    (fmt.compact, (999,), {}, "999", "999"),
    (fmt.compact, (999_999,), {}, "1 juta", "1 million"),
    (fmt.compact, (1_000,), {}, "1 ribu", "1 thousand"),
    (fmt.rate, (12.34, 1000), {}, "12,3 per 1.000 penduduk", "12.3 per 1,000 residents"),
    (fmt.long_date, ("2024-03-05",), {}, "5 Maret 2024", "5 March 2024"),
    (fmt.long_date, (date(2022, 12, 21),), {}, "21 Desember 2022", "21 December 2022"),
    (fmt.long_date, (datetime(2025, 8, 17, 9, 30),), {}, "17 Agustus 2025", "17 August 2025"),
    (fmt.long_date, ("2026-11-28T17:37:31+00:00",), {}, "28 November 2026", "28 November 2026"),
    (fmt.month_year, ("2024-03",), {}, "Maret 2024", "March 2024"),
    (fmt.value_with_unit, (5.84, "persen"), {}, "5,84%", "5.84%"),
    (fmt.value_with_unit, (9355.763, "km2"), {}, "9.355,8 km²", "9,355.8 km²"),
    (fmt.value_with_unit, (2_500_000, "rupiah per KPM"), {}, "Rp2,5 juta per KPM", "Rp2.5 million per KPM"),
    (fmt.value_with_unit, (6200, "KPM"), {}, "6.200 KPM", "6,200 KPM"),
]

MISSING = [None, float("nan"), math.nan, pd.NA, np.float32("nan")]
MISSING_IDS = ["None", "float-nan", "math-nan", "pd-NA", "float32-nan"]


def _id(case) -> str:
    return f"{case[0].__name__}-{case[1][0]!r}-{sorted(case[2])}"


@pytest.mark.parametrize(("func", "args", "kwargs", "text_id", "text_en"), CASES, ids=[_id(c) for c in CASES])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_formatting_table(func, args, kwargs, text_id, text_en, lang):
    assert func(*args, **kwargs, lang=lang) == (text_id if lang == "id" else text_en)


@pytest.mark.parametrize("func", [fmt.number, fmt.percent, fmt.compact, fmt.rupiah])
@pytest.mark.parametrize("value", MISSING, ids=MISSING_IDS)
@pytest.mark.parametrize(("lang", "text"), [("id", "tidak ada data"), ("en", "no data")])
def test_missing_values_say_no_data(func, value, lang, text):
    assert func(value, lang=lang) == text


@pytest.mark.parametrize("value", MISSING, ids=MISSING_IDS)
def test_missing_values_with_units_and_rates(value):
    assert fmt.value_with_unit(value, "KPM") == "tidak ada data"
    assert fmt.rate(value, 1000) == "tidak ada data"


def test_plotly_separators_match_number_formatting():
    for lang in ("id", "en"):
        decimal, thousands = fmt.plotly_separators(lang)
        assert fmt.number(1234.5, 1, lang) == f"1{thousands}234{decimal}5"


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_number_round_trips_for_integers(n):
    text = fmt.number(n)
    assert int(text.replace(".", "")) == n
    assert "," not in text


@given(st.integers(min_value=0, max_value=10**15))
def test_english_number_round_trips_for_integers(n):
    assert int(fmt.number(n, lang="en").replace(",", "")) == n

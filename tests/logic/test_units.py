"""Units read in the visitor's language wherever this branch shows them: every unit of the published
and the demonstration figures has an English form (or is a term that stays), and the map, chart and
kecamatan-map subtitles use it."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import build
from dashboard.logic import charts, figtext

#: Terms that stay as they are in English (as KPM, RTS and KSM do in the dashboard's glossary).
TERMS = {"KPM", "RTS", "KSM"}


@pytest.fixture(scope="module")
def units() -> set[str]:
    stats = build.demo_statistics()  # the published figures plus the DATA CONTOH ones
    return set(stats["unit"].dropna().astype(str))


def test_every_unit_in_the_data_reads_in_english(units):
    untranslated = set()
    for unit in units:
        words = unit.removeprefix("rupiah").strip()
        for part in (p for p in words.split(" per ") if p):
            if part not in figtext.UNITS_EN and part not in TERMS and part != "km2":
                untranslated.add(part)
    assert sorted(untranslated) == []


@pytest.mark.parametrize(("unit", "english"), [("keluarga", "families"), ("persen", "percent"), ("KPM", "KPM")])
def test_chart_subtitles_name_the_unit_in_english(unit, english):
    meta = charts.FigureMeta("Judul", unit, "2024", "Sumber", "resmi", "1 Desember 2026", "en")
    fig = charts.ranked_bars(pd.DataFrame(
        {"kode_wilayah": ["3601"], "nama": ["Kab. Pandeglang"], "value": [3.0], "status": ["resmi"]}), meta)
    assert f"{english} · 2024" in fig.layout.title.text

"""Plotly figures carry their own provenance, mark demonstration data, and escape data text."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from dashboard.logic import charts, classify, compare
from dashboard.text.i18n import t

EVIL = "<script>alert(1)</script>"


def regions(statuses=("resmi", "resmi", "resmi"), names=("Pandeglang", "Lebak", "Tangerang")) -> pd.DataFrame:
    return pd.DataFrame({
        "kode_wilayah": ["3601", "3602", "3603"], "nama": list(names), "value": [470.0, np.nan, 420.0],
        "unit": ["KPM"] * 3, "status": list(statuses),
    })


def meta(status: str = "resmi", lang: str = "id", **fields) -> charts.FigureMeta:
    base = {"title": "Jumlah penerima — UEP", "unit": "KPM", "period": "2022",
            "source": "Antara Banten, 8 November 2022", "status": status, "data_per": "5 Maret 2024", "lang": lang}
    return charts.FigureMeta(**{**base, **fields})


def trend(status="resmi", name="Pandeglang", years=(2021, 2022, 2023), values=(100.0, 120.0, 90.0)) -> pd.DataFrame:
    """A region's points as :func:`dashboard.logic.derive.trend` returns them (changes by the one rule)."""
    frame = pd.DataFrame({
        "kode_wilayah": ["3601"] * 3, "nama": [name] * 3, "year": list(years), "value": list(values),
        "unit": ["KPM"] * 3, "status": ["resmi", "resmi", status], "source_title": ["A", "A", "B"],
        "source_date": [""] * 3, "source_changed": [False, False, True], "fig_id": ["a", "b", "c"],
        "indicator": "penerima", "program": "UEP", "period": "", "approx": "", "precision": np.nan,
    })
    rows = frame.to_dict("records")
    return frame.assign(change=[compare.change(r, rows[i - 1] if i else None) for i, r in enumerate(rows)])


def build(kind: str, frame_status=("resmi",) * 3, status="resmi", names=("Pandeglang", "Lebak", "Tangerang"),
          **meta_fields):
    m = meta(status, **meta_fields)
    frame = regions(frame_status, names)
    classes = classify.classify(frame["value"], "quantiles")
    if kind == "bars":
        return charts.ranked_bars(frame, m, classes)
    return charts.trend_lines(trend(frame_status[-1], names[0]), m)


def strings(fig) -> list[str]:
    """Every string in the figure's JSON, decoded (Plotly writes "<" as \\u003c in the raw text)."""
    found: list[str] = []

    def walk(node):
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(fig.to_json()))
    return found


def text_of(fig) -> str:
    return "\n".join(strings(fig))


KINDS = ["bars", "trend"]  # the map is the region-map component: tests/logic/test_regionmap.py


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_figure_states_title_unit_period_source_and_status(kind, lang):
    fig = build(kind, lang=lang)
    title = fig.layout.title.text
    assert "Jumlah penerima — UEP" in title and "KPM" in title and "2022" in title
    footer = "\n".join(a.text for a in fig.layout.annotations)
    assert "Antara Banten, 8 November 2022" in footer
    assert f"{t('common.source', lang)}: " in footer
    assert f"{t('common.status', lang)}: {t('common.status_resmi', lang)}" in footer
    assert t("common.data_per", lang, date="5 Maret 2024") in footer
    assert fig.layout.separators == (",." if lang == "id" else ".,")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("frame_status", "status", "marked"),
    [
        (("resmi",) * 3, "resmi", False),
        (("contoh",) * 3, "contoh", True),
        (("resmi", "resmi", "contoh"), "campuran", True),
    ],
)
def test_data_contoh_is_in_the_figure_exactly_when_shown(kind, frame_status, status, marked):
    fig = build(kind, frame_status, status)
    assert ("DATA CONTOH" in text_of(fig)) is marked
    # A line of the title block, not a corner badge: it cannot sit on the subtitle.
    assert ("DATA CONTOH" in fig.layout.title.text) is marked


def test_long_sources_are_shortened_and_wrapped():
    fig = build("bars", source="; ".join(f"Sumber nomor {i} dengan judul panjang" for i in range(20)))
    footer = fig.layout.annotations[0].text
    assert "…" in footer
    assert all(len(line) <= charts.chars_for(charts.PHONE_PLOT_WIDTH, charts.FOOTER_PX) for line in footer.split("<br>"))


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("width", [320, 600])
def test_footer_lines_fit_the_width_they_are_computed_for(lang, width):
    m = meta("contoh", lang, source="Pemprov Banten Salurkan Rp24,3 Miliar untuk Modal Usaha dan Jaminan Sosial")
    lines = m.footer(width).split("\n")
    assert max(len(line) for line in lines) <= charts.chars_for(width, charts.FOOTER_PX)
    assert t("common.data_per", lang, date="5 Maret 2024") in m.footer(width).replace("\n", " ")
    assert len(m.footer(320).split("\n")) >= len(m.footer(600).split("\n"))


def test_bars_footer_starts_at_the_figure_edge_not_under_the_bars():
    fig = build("bars", names=("Kota Tangerang Selatan", "Lebak", "Tangerang"))
    (footer,) = fig.layout.annotations
    assert fig.layout.margin.l >= 6 * len("Kota Tangerang Selatan")  # the labels' margin
    assert footer.xshift == 8 - fig.layout.margin.l


def test_repeated_names_get_their_kabkota():
    frame = regions().assign(nama=["Curug", "Curug", "Cisoka"], kode_kabkota=["3603", "3673", "3603"])
    assert charts.unique_names(frame) == ["Curug (Kab. Tangerang)", "Curug (Kota Serang)", "Cisoka"]


@pytest.mark.parametrize("kind", KINDS)
def test_region_names_are_escaped(kind):
    fig = build(kind, names=(EVIL, "Lebak", "Tangerang"))
    texts = strings(fig)
    assert not [s for s in texts if "<script" in s]
    assert any("&lt;script&gt;" in s for s in texts)


@pytest.mark.parametrize("kind", KINDS)
def test_provenance_text_is_escaped(kind):
    fig = build(kind, title=f"Judul {EVIL}", source=f"Sumber {EVIL}", unit="<b>KPM</b>")
    assert not [s for s in strings(fig) if "<script" in s or "<b>KPM" in s]


def test_bars_are_sorted_and_missing_stays_labelled():
    fig = build("bars")
    bar = fig.data[0]
    assert list(bar.text) == ["tidak ada data", "420", "470"]  # lowest at the bottom
    assert list(bar.x) == [0.0, 420.0, 470.0]


def test_trend_marks_the_source_change():
    fig = build("trend")
    assert [s.x0 for s in fig.layout.shapes] == [2022.5]
    symbols = list(fig.data[0].marker.symbol)
    assert symbols == ["circle", "circle", "circle"]
    contoh = build("trend", ("resmi", "resmi", "contoh"), "campuran")
    assert list(contoh.data[0].marker.symbol) == ["circle", "circle", "circle-open"]


def test_a_zero_after_a_value_draws_instead_of_raising():
    """Tren crashed with ZeroDivisionError for COTA/PROTESA: a 0 after a non-zero value."""
    fig = charts.trend_lines(trend(values=(5.0, 0.0, 3.0)), meta())
    assert "turun 100,0% dari 2021" in text_of(fig)
    assert "tidak dihitung persentasenya" in text_of(fig)  # 0 -> 3 has no percentage change


def test_a_missing_year_is_a_gap_not_a_bridge():
    fig = charts.trend_lines(trend(years=(2019, 2020, 2023)), meta())
    assert list(fig.data[0].x) == [2019, 2020, 2021, 2022, 2023]
    assert [None if v != v else v for v in fig.data[0].y] == [100.0, 120.0, None, None, 90.0]
    assert fig.data[0].connectgaps is False

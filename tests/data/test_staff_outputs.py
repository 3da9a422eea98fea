"""Whatever got into a release, no open-data or download cell starts like a formula, and every
renderer escapes HTML from a source title, quote or note (issue 14, item 5)."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

import html5lib
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from dashboard.data import release
from dashboard.data.cells import neutralise, starts_like_formula
from dashboard.logic.export import to_csv_bytes, to_xlsx_bytes
from dashboard.logic.opendata import CSV_NAME, JSON_NAME, validate_data_package, write_data_package

TRIGGERS = set("=+-@")
INVISIBLE = "\u115f\u1160\u3164\uffa0\u2800"
HIDDEN = ["\n", "\r", "\t", " ", "\u00a0", "\u3000", "\u200b", "\ufeff", "\u2060", "\u00ad", "\u202e", "\x1b",
          "\u0301", "\u2028", "\ue000", "\u3164"]
HOSTILE = ['=HYPERLINK("http://contoh.id","klik")', "\n=HYPERLINK(\"x\")", "\u00a0+cmd|' /C calc'!A0",
           "\u3000@SUM(A1)", "\u200b-2+3", "\ufeff=1", "\t=1", "\r=1", " \u2060\u00ad=1", "\uff1dSUM(A1)",
           "\u202e=1", "\x1b[31m=1", "\u0301=1"]
HTML = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def formula_lead(text: str) -> bool:
    """An independent reading: skip every white-space, control, format, unassigned, private-use and
    combining character (and the invisible Hangul fillers), then look at the first one left."""
    for ch in text:
        if ch in "\t\r":
            return True
        if ch.isspace() or unicodedata.category(ch)[0] in "ZCM" or ch in INVISIBLE:
            continue
        return unicodedata.normalize("NFKC", ch)[:1] in TRIGGERS
    return False


@given(st.text(st.sampled_from(HIDDEN + ["=", "+", "-", "@", "a", "1", "'", "\uff1d", "\ufe62"]), max_size=8)
       | st.text(max_size=12))
def test_neutralised_text_never_starts_like_a_formula(text):
    out = neutralise(text)
    assert not formula_lead(out)
    assert out == text or out == "'" + text  # nothing else is changed
    assert (out != text) == starts_like_formula(text)


@pytest.mark.parametrize("value", [12.5, None, 3, "Kab. Lebak", "'=sudah", "", "2022-11-25"])
def test_safe_values_are_unchanged(value):
    assert neutralise(value) == value


@pytest.fixture
def hostile_stats(releases):
    stats = release.load_newest_good().release.statistics.head(len(HOSTILE) * 2).copy()
    for i, text in enumerate(HOSTILE):
        for column in ("source_title", "note", "quote", "unit_asli", "conflict_note", "period"):
            stats.iloc[i, stats.columns.get_loc(column)] = text
        stats.iloc[len(HOSTILE) + i, stats.columns.get_loc("source_title")] = HTML + text
    return stats


def test_open_data_cells_never_start_like_a_formula(hostile_stats, tmp_path):
    write_data_package(hostile_stats, tmp_path, "r-uji", "2026-12-01T00:00:00+00:00")
    assert validate_data_package(tmp_path) == []
    rows = list(csv.reader(io.StringIO((tmp_path / CSV_NAME).read_text(encoding="utf-8"))))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if formula_lead(c)]
    assert any(c == "'" + HOSTILE[0] for c in cells)  # neutralised, not dropped
    records = json.loads((tmp_path / JSON_NAME).read_text(encoding="utf-8"))
    assert not [v for r in records for v in r.values() if isinstance(v, str) and formula_lead(v)]


def test_download_cells_never_start_like_a_formula(hostile_stats):
    rows = list(csv.reader(io.StringIO(to_csv_bytes(hostile_stats).decode("utf-8-sig"))))
    assert not [c for row in rows for c in row if formula_lead(c)]
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(hostile_stats)))["Angka"]
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert cells and not [c.value for c in cells if formula_lead(c.value) or c.data_type == "f"]


def _elements(markup: str) -> list:
    return list(html5lib.parse(markup, namespaceHTMLElements=False).iter())


def test_light_edition_card_escapes_html_from_the_source(hostile_stats):
    from dashboard.site.cards import card
    from dashboard.site.pages import Context

    fig = hostile_stats.iloc[len(HOSTILE)].to_dict()
    fig.update(quote=HTML, note=HTML, year=2024)
    markup, _ = card(Context(hostile_stats, "r-uji", "Data per 1 Desember 2026", "https://contoh.id/site/", None), fig)
    elements = _elements(markup)
    assert not [e for e in elements if e.tag == "img" or (e.tag == "script" and "alert" in (e.text or ""))]
    assert not [e for e in elements if "onerror" in e.attrib]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup


def test_streamlit_html_helpers_escape_html_from_the_source(hostile_stats):
    import pandas as pd

    from dashboard.ui.blocks import kpi
    from dashboard.viewmodel.method import sources_html

    listed = sources_html(pd.DataFrame({"source_title": [HTML], "source_url": ["javascript:alert(3)"],
                                        "dates": [HTML], "figures": [1]}))
    tile = kpi(HTML, HTML, HTML, "resmi", "id")
    for markup in (listed, tile):
        elements = _elements(markup)
        assert not [e for e in elements if e.tag in ("img", "script") or "onerror" in e.attrib]
        assert not [e for e in elements if e.tag == "a" and "javascript" in e.attrib.get("href", "")]

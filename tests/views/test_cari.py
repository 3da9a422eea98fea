"""AppTest of the Cari Angka page: search, cards with sentence and provenance, permalinks, downloads."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest
import streamlit as st
from openpyxl import load_workbook

from dashboard import cached
from dashboard.data import demo
from dashboard.logic import citation, export, search
from dashboard.logic.figtext import period_text, series_label, source_date_text
from dashboard.text import fmt
from dashboard.text.i18n import t
from dashboard.viewmodel import figure
from tests.ocr import read_png
from tests.views.apptest_tools import assert_no_error, page_test, page_text

UEP_2022 = ("Dinas Sosial Provinsi Banten menyalurkan bantuan Usaha Ekonomi Produktif (UEP) kepada 2.720 RTS "
            "pada 2022 (sumber: Dinsos Banten Mulai Salurkan Bantuan UEP untuk 2.720 RTS (Tangerang Daily), "
            "25 November 2022).")


@pytest.fixture(autouse=True)
def _cached_cari(monkeypatch):
    """The two cached functions the page needs, as requested from dashboard/cached.py; used only
    while that module does not have them yet."""
    if not hasattr(cached, "search_index"):
        @st.cache_resource(show_spinner=False, max_entries=2)
        def search_index(rid: str) -> search.SearchIndex:
            return search.build_index(cached.stats())

        monkeypatch.setattr(cached, "search_index", search_index, raising=False)
    if not hasattr(cached, "figure_card"):
        @st.cache_resource(show_spinner=False, max_entries=4096)
        def figure_card(rid: str, fig_id: str, lang: str) -> dict:
            index = cached.search_index(rid)
            return citation.figure_card(index.stats, index.figure(fig_id), lang)

        monkeypatch.setattr(cached, "figure_card", figure_card, raising=False)


def codes(at) -> list[str]:
    return [el.value for el in at.code]


def sentences(at) -> list[str]:
    return [c for c in codes(at) if "(sumber:" in c]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_empty_page_offers_examples_that_find_published_figures(run_page, lang):
    extra = {"lang": "en"} if lang == "en" else {}
    at = run_page("cari", **extra)
    assert_no_error(at)
    examples = t("cari.example_queries", lang).split("|")
    assert all(e in page_text(at) for e in examples)
    links = re.findall(r"\]\((\./cari\?[^)]*)\)", page_text(at))
    assert len(links) == len(examples) and all(("lang=en" in link) == (lang == "en") for link in links), links
    assert not at.code
    for example in examples:
        found = run_page("cari", q=example, **extra)
        assert codes(found), example
        assert not codes(found)[0].startswith((citation.CONTOH_PREFIX, citation.CONTOH_PREFIX_EN))


def test_query_from_url_gives_the_official_sentence(run_page):
    at = run_page("cari", q="UEP 2022")
    assert not at.exception
    assert codes(at)[0] == UEP_2022
    assert codes(at)[1] == "Tangerang Daily, 25 Nov 2022, via Dasbor Kesos Banten"
    assert "2.720 RTS" in page_text(at)


def test_typing_a_query_puts_it_in_the_url(run_page):
    at = run_page("cari")
    at.text_input(key="cari-q").set_value("Tagana Lebak").run()
    assert not at.exception
    assert at.query_params["q"] == ["Tagana Lebak"] or at.query_params["q"] == "Tagana Lebak"
    assert any("Tagana" in c and "Kab. Lebak" in c for c in codes(at))


def test_contoh_results_are_labelled_in_the_demonstration_mode(run_page, monkeypatch):
    monkeypatch.setenv("DASHBOARD_MODE", "contoh")
    at = run_page("cari", q="kec cisata uep 2024")
    assert_no_error(at)
    assert codes(at)[0].startswith(citation.CONTOH_PREFIX)
    assert "DATA CONTOH" in page_text(at)


def test_permalink_opens_the_figure(run_page, served_release):
    stats = served_release.statistics
    fid = stats[(stats.program == "UEP") & (stats.year == 2022) & (stats.kode_wilayah == "36")].fig_id.iloc[0]
    at = run_page("cari", fig=fid)
    assert not at.exception
    assert codes(at)[0] == UEP_2022
    assert any(c.endswith(f"/cari?fig={fid}") for c in codes(at))


@pytest.mark.parametrize("bad", ["<script>alert(1)</script>", "r000000000000", "../../etc/passwd"])
def test_bad_permalink_is_refused_politely(run_page, bad):
    at = run_page("cari", fig=bad)
    assert not at.exception
    assert "Tautan angka tidak dikenal" in page_text(at)
    assert "fig" not in at.query_params
    assert bad not in page_text(at)


def test_no_results_is_an_explicit_state(run_page):
    at = run_page("cari", q="xyzzy qwerty")
    assert not at.exception
    assert "Tidak ada angka yang cocok" in page_text(at)


def test_filters_restrict_results(run_page):
    at = run_page("cari", program="TAGANA", wilayah="3602")
    assert not at.exception
    assert sentences(at) and all("Tagana di Kab. Lebak" in c for c in sentences(at))


def test_downloads_hold_the_results(releases_dir, geo_dir, downloads):
    at = page_test("cari", q="BLT BBM Kota Serang").run()
    assert not at.exception
    files = {d.file_name.rsplit(".", 1)[-1]: d for d in downloads}
    assert set(files) >= {"csv", "xlsx", "png"}
    assert b"5632" in files["csv"].data and b"BLT_BBM" in files["csv"].data
    rows = list(load_workbook(io.BytesIO(files["xlsx"].data))["Angka"].iter_rows(values_only=True))
    assert 5632.0 in [r[8] for r in rows[2:]]
    assert files["png"].data.startswith(b"\x89PNG")
    # BLT BBM 2022 is published for all eight kab/kota: an all-resmi chart is not marked DATA CONTOH.
    assert "DATA-CONTOH" not in files["png"].file_name


# --- every download stands alone: title whole, every source with its date, status, data date ------

#: (mode, query in Bahasa Indonesia, the same in English): one source; eight sources; mixed statuses;
#: DATA CONTOH only (a kecamatan figure, pictured with its kab/kota series).
DOWNLOAD_CASES = [
    ("resmi", "BLT BBM Kota Serang", "fuel cash transfer serang city"),
    ("resmi", "penduduk sensus 2020", "population 2020 census"),
    ("contoh", "Tagana 2021", "disaster volunteers 2021"),
    ("contoh", "kec cisata uep 2024", "cisata subdistrict productive economic enterprise 2024"),
]
DATA_PER = {"id": "Data per", "en": "Data as of"}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _reads(expected: str, ocr_words: set[str], share: float = 0.9) -> bool:
    """Whether OCR read (nearly) every word of ``expected`` (tesseract misreads a letter now and then)."""
    words = _words(expected)
    return sum(w in ocr_words for w in words) >= share * len(words)


def _expected_chart(stats: pd.DataFrame, first: dict) -> pd.DataFrame:
    """The kab/kota figures of the first result's series and year: displayed, one per region, a
    published figure before a demonstration one."""
    same = stats[stats.displayed & stats.kode_wilayah.str.len().eq(4) & stats.indicator.eq(first["indicator"])
                 & stats.program.eq(first["program"]) & stats.unit.eq(first["unit"])
                 & stats.period.eq(first["period"]) & stats.year.eq(int(first["year"]))]
    resmi_regions = set(same.loc[same.status.eq("resmi"), "kode_wilayah"])
    return same[same.status.eq("resmi") | ~same.kode_wilayah.isin(resmi_regions)]


def _check_table(rows: list[list[object]], stats: pd.DataFrame, lang: str, date: str) -> list[dict]:
    title = str(rows[0][0])
    assert title.count(DATA_PER[lang]) == 1 and title.count("Data per Data") == 0, title
    assert f"{DATA_PER[lang]} {date}" in title
    assert list(rows[1]) == export.EXPORT_COLUMNS
    body = [dict(zip(rows[1], r, strict=True)) for r in rows[2:]]
    assert body
    by_id = stats.set_index("fig_id")
    for row in body:
        fig = by_id.loc[row["fig_id"]]
        assert str(row["source_title"]) == fig["source_title"] and str(row["status"]) == fig["status"]
        assert str(row["source_date"] or "") == str(fig["source_date"] or "")
        assert ("DATA CONTOH" in str(row["keterangan"])) == (fig["status"] == "contoh")
        assert float(row["value"]) == fig["value"]
        if float(fig["value"]).is_integer():
            assert str(row["value"]) == str(int(fig["value"])), row["value"]  # 5632, never 5632.0
    if any(r["status"] == "contoh" for r in body):
        assert title.startswith("DATA CONTOH")
    return body


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(("mode", "query_id", "query_en"), DOWNLOAD_CASES)
def test_every_download_stands_alone(releases_dir, geo_dir, downloads, served_release, monkeypatch,
                                     mode, query_id, query_en, lang):
    monkeypatch.setenv("DASHBOARD_MODE", mode)
    params = {"q": query_id} if lang == "id" else {"q": query_en, "lang": "en"}
    at = page_test("cari", **params).run()
    assert_no_error(at)
    files = {d.file_name.rsplit(".", 1)[-1]: d for d in downloads}
    assert set(files) == {"csv", "xlsx", "png"}, [d.file_name for d in downloads]
    stats = demo.with_demo(served_release).statistics if mode == "contoh" else served_release.statistics
    date = fmt.long_date(served_release.published_at, lang)

    csv_rows = list(csv.reader(io.StringIO(files["csv"].data.decode("utf-8-sig"))))
    body = _check_table(csv_rows, stats, lang, date)
    sheet = load_workbook(io.BytesIO(files["xlsx"].data))["Angka"]
    xlsx_rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert [r["fig_id"] for r in _check_table(xlsx_rows, stats, lang, date)] == [r["fig_id"] for r in body]
    assert all(isinstance(r[8], int) for r in xlsx_rows[2:] if float(r[8]).is_integer())

    first = stats.set_index("fig_id").loc[body[0]["fig_id"]].to_dict() | {"fig_id": body[0]["fig_id"]}
    chart = _expected_chart(stats, first)
    assert len(chart) >= 2
    text = read_png(files["png"].data)
    ocr_words = set(_words(text))
    title = f"{series_label(first['indicator'], first['program'], lang)}, {period_text(first, lang)}"
    assert _reads(title, ocr_words), (title, text)
    assert text.count(DATA_PER[lang]) == 1 and _reads(date, ocr_words), text
    status = "resmi" if chart.status.eq("resmi").all() else "contoh" if chart.status.eq("contoh").all() else "campuran"
    assert _reads(t(f"common.status_{status}", lang), ocr_words), text
    assert ("DATA-CONTOH" in files["png"].file_name) == (status != "resmi")
    for source_title, source_date in set(zip(chart.source_title, chart.source_date, strict=True)):
        assert _reads(source_title, ocr_words), (source_title, text)
        assert _reads(source_date_text(source_date, lang), ocr_words), (source_date, text)
    assert "lihat CSV" not in text and "see CSV" not in text


# --- cards in both languages: source type, inferred year, rounding, change, related notes ----------

def _one(stats: pd.DataFrame, mask: pd.Series) -> pd.Series:
    found = stats[mask & stats.displayed & stats.status.eq("resmi")]
    assert not found.empty
    return found.iloc[0]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_cards_show_source_type_inferred_year_rounding_and_change(run_page, served_release, lang):
    stats = served_release.statistics
    kinds = {
        "inferred": _one(stats, stats.year_inferred.astype(bool)),
        "rounded": _one(stats, stats.precision.fillna(1).gt(1) & stats.value.ge(1e6)),
        "approx": _one(stats, stats.approx.eq("sekitar")),
        "change": _one(stats, stats.indicator.eq("jumlah_penduduk_dukcapil") & stats.kode_wilayah.eq("3603")
                       & stats.year.eq(2023)),
    }
    words = {"id": {"inferred": "diperkirakan dari konteks", "rounded": " juta ", "approx": "sekitar "},
             "en": {"inferred": "inferred from context", "rounded": " million ", "approx": "about "}}[lang]
    for kind, row in kinds.items():
        params = {"fig": row.fig_id} | ({"lang": "en"} if lang == "en" else {})
        at = run_page("cari", **params)
        assert_no_error(at)
        text = page_text(at)
        assert citation.SOURCE_TYPES[lang][row.source_type] in text, kind
        card = re.search(r"<div class='kpi'>(.*?)</div></div>", text, re.S)
        assert card, text[:2000]
        if kind in words:  # on the card itself, not only in the sentence below it
            assert words[kind] in card.group(1), (kind, card.group(1))
        if kind == "change":
            change = figure.figure_card(stats, row, lang)["change"]
            assert change.startswith(("naik", "turun", "up", "down")) and change in text, change
        if lang == "en":
            notes = re.findall(r"<div class='figure-note'><strong>.*?</div>", text, re.S)
            assert all("Sumber lain" not in n and "Tahun lain" not in n for n in notes), notes

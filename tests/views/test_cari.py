"""AppTest of the Cari Angka page: search, cards with sentence and provenance, permalinks, downloads."""

from __future__ import annotations

import io

import pytest
import streamlit as st
from openpyxl import load_workbook

from dashboard import cached
from dashboard.logic import citation, search
from dashboard.text.i18n import t
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


def test_empty_page_offers_examples_that_find_published_figures(run_page):
    at = run_page("cari")
    assert_no_error(at)
    examples = t("cari.example_queries").split("|")
    assert all(e in page_text(at) for e in examples)
    assert not at.code
    for example in examples:
        found = run_page("cari", q=example)
        assert codes(found), example
        assert not codes(found)[0].startswith(citation.CONTOH_PREFIX)


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

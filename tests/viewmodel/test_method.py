"""Tables of the Data & Metodologi page."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import reference
from dashboard.data.schema import with_defaults
from dashboard.text.i18n import t
from dashboard.viewmodel import method as method_view


def row(fig_id: str, status: str, title: str, url: str, note: str = "", conflict: str = "", value: float = 10.0) -> dict:
    return {
        "fig_id": fig_id, "indicator": "penerima", "program": "UEP", "kode_wilayah": "3601", "year": 2022,
        "period": "", "value": value, "unit": "KPM", "unit_asli": "KPM", "precision": None, "status": status,
        "source_title": title, "source_url": url, "source_date": "2022-05-01", "quote": "", "note": note,
        "displayed": not conflict, "conflict_note": conflict,
    }


STATS = with_defaults(pd.DataFrame([
    row("a00001", "resmi", "Berita A", "https://example.org/a"),
    row("a00002", "resmi", "Berita A", "https://example.org/a", note="Angka dibulatkan di sumber."),
    row("a00003", "resmi", "<b>Berita</b> B", "javascript:alert(1)", conflict="Tidak ditampilkan: angka lain lebih baru."),
    row("a00004", "contoh", "Data contoh", "", note="DATA CONTOH, bukan angka resmi."),
]))


def test_glossary_lists_every_programme_and_marks_the_unverified() -> None:
    glossary = method_view.glossary("id")
    assert set(glossary["kode"]) == set(reference.programs()["kode"])
    unverified = set(glossary.loc[glossary["verifikasi"] == "belum terverifikasi", "kode"])
    assert unverified == set(reference.programs().loc[~reference.programs()["terverifikasi"], "kode"])
    assert not {"JSOD", "JSANAK"} & unverified  # verified since issue 15 (Kabar6 2023, Inilah Banten 2018)


def test_resmi_sources_are_distinct_and_counted() -> None:
    sources = method_view.resmi_sources(STATS)
    assert dict(zip(sources["source_title"], sources["figures"], strict=True)) == {"Berita A": 2, "<b>Berita</b> B": 1}


def test_sources_html_escapes_and_links_only_web_addresses() -> None:
    out = method_view.sources_html(method_view.resmi_sources(STATS))
    assert out.count("<li>") == 2
    assert '<a href="https://example.org/a"' in out
    assert "<b>" not in out and "&lt;b&gt;Berita&lt;/b&gt; B" in out
    assert 'href="javascript' not in out


def test_quality_notes_are_published_figures_with_a_note() -> None:
    notes = method_view.quality_notes(STATS)
    assert list(notes["fig_id"]) == ["a00002", "a00003"]
    assert list(notes["ditampilkan"]) == [True, False]
    assert notes["catatan"].iloc[1] == "Tidak ditampilkan: angka lain lebih baru."


def test_latest_first_reverses_the_log() -> None:
    log = pd.DataFrame({"release": ["r1", "r1", "r2"], "fig_id": ["a", "b", "c"]})
    assert list(method_view.latest_first(log)["fig_id"]) == ["c", "b", "a"]


@pytest.mark.parametrize(("old", "new", "shown"), [("", "1234", ("—", "1.234")), ("10", "", ("10", "—")),
                                                   ("2.5", "3", ("2,5", "3"))])
def test_revision_rows_format_values(old: str, new: str, shown: tuple[str, str]) -> None:
    log = pd.DataFrame([{"release": "r1", "waktu": "2025-01-01T00:00:00+00:00", "fig_id": "x", "perubahan": "diubah",
                         "nilai_lama": old, "nilai_baru": new, "indicator": "penerima", "program": "UEP",
                         "kode_wilayah": "3672", "year": "2024", "period": "", "status": "contoh"}])
    out = method_view.revision_rows(log).iloc[0]
    assert (out["nilai_lama"], out["nilai_baru"]) == shown
    assert out["wilayah"] == "Kota Cilegon"


def test_release_files_show_the_recorded_check() -> None:
    manifest = {"files": {"statistik.csv": "a" * 64, "psks_publik.csv": "b" * 64},
                "rows": {"statistik.csv": 12, "psks_publik.csv": 0},
                "validation": {"check": "statistics_schema", "rows": 12, "problems": 0, "result": "lulus"}}
    out = method_view.release_files(manifest)
    assert out.to_dict("records")[0] == {"berkas": "statistik.csv", "baris": 12, "sha256": "a" * 12 + "…",
                                         "validasi": "lulus: 12 baris diperiksa dengan skema statistik"}
    assert "daftar publik" in out.to_dict("records")[1]["validasi"]


def test_an_old_manifest_that_recorded_no_check_says_so() -> None:
    """Releases before checks were recorded wrote "lulus" unconditionally: never shown as a result."""
    manifest = {"files": {"statistik.csv": "a" * 64}, "rows": {"statistik.csv": 12}, "validation": "lulus"}
    assert method_view.release_files(manifest)["validasi"].tolist() == ["pemeriksaan tidak tercatat"]


def test_shown_table_is_labelled_arrow_with_escaped_cards() -> None:
    frame = pd.DataFrame({"kode": ["<b>X</b>", "Y"], "nama": ["satu", None]})
    shown = method_view.shown_table(frame, "en")
    assert shown.data.column_names == [t("metodologi.col_kode", "en"), t("metodologi.col_nama", "en")]
    assert shown.data.to_pandas()[t("metodologi.col_kode", "en")].tolist() == ["<b>X</b>", "Y"]
    assert "&lt;b&gt;X&lt;/b&gt;" in shown.cards and "<b>X" not in shown.cards
    assert shown.cards.count("<li class='roster-card'>") == 2 and not shown.folded
    assert shown.key == method_view.shown_table(frame.copy(), "en").key  # stable across reruns
    long = method_view.shown_table(pd.DataFrame({"kode": [str(i) for i in range(method_view.FOLD_CARDS + 1)]}), "id")
    assert long.folded and long.rows == method_view.FOLD_CARDS + 1


def test_revision_rows_speak_the_page_language() -> None:
    log = pd.DataFrame([{"release": "r1", "waktu": "2025-01-01T00:00:00+00:00", "fig_id": "x", "perubahan": "baru",
                         "nilai_lama": "", "nilai_baru": "1", "indicator": "penerima", "program": "UEP",
                         "kode_wilayah": "3672", "year": "2024", "period": "", "status": "resmi"}])
    out = method_view.revision_rows(log, "en").iloc[0]
    assert (out["perubahan"], out["status"]) == (t("metodologi.change_baru", "en"), t("common.status_resmi", "en"))

"""The Data & Metodologi page, run as a file with AppTest against a temporary release."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from dashboard.data import reference, release
from dashboard.logic import roster_view
from dashboard.text.i18n import t
from tests.views.apptest_tools import clear_streamlit_caches, page_text

ROW_CAPTION = re.compile(r"(?:Baris|Rows) ([\d.,]+)–([\d.,]+) (?:dari|of) ([\d.,]+)")


def frames_with(at, column_key: str) -> list[pd.DataFrame]:
    label = t(f"metodologi.col_{column_key}")
    return [df.value for df in at.dataframe if label in df.value.columns]


def revisions_table(at) -> pd.DataFrame | None:
    found = frames_with(at, "perubahan")
    return found[0] if found else None


def shown_rows(at) -> tuple[int, int, int]:
    for caption in at.caption:
        match = ROW_CAPTION.search(caption.value)
        if match:
            return tuple(int(re.sub(r"\D", "", g)) for g in match.groups())
    raise AssertionError("no 'Baris X–Y dari Z' caption on the page")


def test_lists_every_programme_code_and_marks_the_unverified(run_page) -> None:
    at = run_page("metodologi")
    assert not at.exception
    glossaries = frames_with(at, "verifikasi")
    codes = pd.concat(glossaries)[t("metodologi.col_kode")]
    catalogue = reference.programs()
    assert sorted(codes) == sorted(catalogue["kode"])
    merged = pd.concat(glossaries).set_index(t("metodologi.col_kode"))[t("metodologi.col_verifikasi")]
    for code in catalogue.loc[~catalogue["terverifikasi"], "kode"]:
        assert merged[code] == "belum terverifikasi"
    warning = " ".join(w.value for w in at.warning)
    # JSOD and JSANAK are verified since issue 15 (Kabar6 2023, Inilah Banten 2018): no warning names them.
    assert merged["JSOD"] == merged["JSANAK"] == "terverifikasi"
    assert "JSOD" not in warning and "JSANAK" not in warning


def test_shows_the_revision_log_latest_first_and_paged(run_page, releases_dir) -> None:
    log = pd.read_csv(releases_dir / "revisions.csv", dtype=str, keep_default_na=False)
    at = run_page("metodologi")
    assert shown_rows(at) == (1, roster_view.PAGE_SIZE, len(log))
    table = revisions_table(at)
    assert len(table) == roster_view.PAGE_SIZE
    assert list(table[t("metodologi.col_fig_id")]) == list(log["fig_id"].iloc[::-1].iloc[:roster_view.PAGE_SIZE])
    at = run_page("metodologi", hal="2")
    assert shown_rows(at)[:2] == (roster_view.PAGE_SIZE + 1, 2 * roster_view.PAGE_SIZE)


def test_a_new_release_puts_its_changes_on_top(run_page, served_release, releases_dir) -> None:
    stats = served_release.statistics.copy()
    changed = stats.index[stats["displayed"]][0]
    stats.loc[changed, "value"] += 1
    new_id = release.publish(stats, served_release.roster, "uji revisi", root=releases_dir)
    at = run_page("metodologi")
    assert not at.exception
    top = revisions_table(at).iloc[0]
    assert (top[t("metodologi.col_release")], top[t("metodologi.col_perubahan")]) == (new_id, t("metodologi.change_diubah"))
    assert top[t("metodologi.col_fig_id")] == stats.at[changed, "fig_id"]
    assert new_id in page_text(at)


def test_release_validation_provenance_sources_and_attribution(run_page, served_release) -> None:
    at = run_page("metodologi")
    (files,) = frames_with(at, "validasi")
    assert set(files[t("metodologi.col_berkas")]) == set(served_release.manifest["files"])
    check = served_release.manifest["validation"]
    assert check["result"] == "lulus" and check["rows"] == len(served_release.statistics)
    by_file = dict(zip(files[t("metodologi.col_berkas")], files[t("metodologi.col_validasi")], strict=True))
    rows = f"{len(served_release.statistics):,}".replace(",", ".")
    assert by_file["statistik.csv"] == f"lulus: {rows} baris diperiksa dengan skema statistik"
    assert [s.value for s in at.success] == [t("metodologi.provenance_ok", count=len(frames_with(at, "lisensi")[0]))]
    html = "\n".join(h.proto.body for h in at.get("html"))
    stats = served_release.statistics
    resmi = stats[stats["status"] == "resmi"]
    assert html.count("<li>") >= resmi.groupby(["source_title", "source_url"]).ngroups
    for url in resmi["source_url"].unique():
        if url.startswith(("http://", "https://")):
            assert 'href="' + url.replace("&", "&amp;").replace('"', "&quot;") + '"' in html
    assert "CC BY 3.0 IGO" in html and "creativecommons.org/licenses/by/3.0/igo" in html
    for status in ("resmi", "contoh", "campuran"):
        assert f"badge-{status}" in html


def test_quality_notes_list_every_noted_published_figure(run_page, served_release, downloads) -> None:
    """25 a page on the server (a rerun sends one page, not ~300 rows twice: grid and phone cards); the
    pages together and the CSV hold every noted published figure."""
    stats = served_release.statistics
    noted = stats[(stats["status"] == "resmi") & ((stats["note"] != "") | (stats["conflict_note"] != ""))]
    assert len(noted) > roster_view.PAGE_SIZE  # the release has more than one page of them
    pages = -(-len(noted) // roster_view.PAGE_SIZE)
    seen: list[str] = []
    for page in range(1, pages + 1):
        at = run_page("metodologi", **({"mutu": str(page)} if page > 1 else {}))
        (quality,) = frames_with(at, "ditampilkan")
        assert len(quality) <= roster_view.PAGE_SIZE
        html = page_text(at)
        assert all(fid in html for fid in quality[t("metodologi.col_fig_id")])  # the phone cards: same rows
        seen += list(quality[t("metodologi.col_fig_id")])
    assert sorted(seen) == sorted(noted["fig_id"])
    files = {d.data for d in downloads if d.file_name.startswith("catatan-mutu-")}
    assert len(files) == 1  # the same whole table from every page
    assert sorted(pd.read_csv(io.BytesIO(files.pop()), dtype=str)["fig_id"]) == sorted(noted["fig_id"])


def test_bad_page_falls_back_with_a_notice(run_page) -> None:
    at = run_page("metodologi", hal="0", lang="xx")
    assert not at.exception
    assert any("hal" in i.value and "lang" in i.value for i in at.info)
    assert shown_rows(at)[0] == 1


def test_empty_revision_log_says_so(run_page, releases_dir) -> None:
    (releases_dir / "revisions.csv").unlink()
    clear_streamlit_caches()
    at = run_page("metodologi")
    assert not at.exception
    assert t("metodologi.no_revisions") in [i.value for i in at.info]
    assert revisions_table(at) is None


@pytest.mark.parametrize("lang", ["en"])
def test_english(run_page, lang) -> None:
    at = run_page("metodologi", lang=lang)
    assert not at.exception
    assert at.title[0].value == t("metodologi.title", lang)

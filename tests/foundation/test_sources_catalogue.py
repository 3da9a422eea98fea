"""The hand-kept catalogues beside the raw files: sources, indicators, programmes, periods, mapping."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pandas as pd
import pytest

from dashboard.data import reference
from dashboard.data import sources_catalogue as catalogue
from dashboard.data.sourced import load_raw

RAW = load_raw()
SOURCES = pd.read_csv(catalogue.SOURCES_DIR / "sumber.csv", dtype=str, keep_default_na=False)
#: A title that looks like a file path or a repository path ("cahyadsn/wilayah db/x.sql", "a/b/c").
PATH_LIKE = re.compile(r"\.(?:sql|py|csv|md|json|html?|php)\b|\b[\w.-]+/[\w.-]+/[\w.-]+|^[\w.-]+/[\w.-]+\s|\bdb/")
#: English working notes of the collectors that must never reach a reader.
INTERNAL = re.compile(r"not shown|read from|read via|mirror|inferred|conflicts with|\byear\b|\bdate\b|\bcopy\b|"
                      r"\bvia\b|\bshown\b|\bprinted\b|\bTODO\b|—", re.IGNORECASE)


def test_every_source_address_has_exactly_one_catalogue_row():
    assert SOURCES.url.is_unique
    assert set(SOURCES.url) == set(RAW.source_url)


@pytest.mark.parametrize("title", sorted(SOURCES.judul))
def test_titles_are_whole_clean_display_titles(title):
    assert not PATH_LIKE.search(title), title
    assert not INTERNAL.search(title), title
    assert title == title.strip() and "  " not in title


def test_the_path_and_note_checks_can_fail():
    assert PATH_LIKE.search("cahyadsn/wilayah db/wilayah_penduduk.sql (Ditjen Dukcapil)")
    assert PATH_LIKE.search("Data contoh dibangkitkan oleh dashboard/data/generate.py")
    assert INTERNAL.search("Pandeglang Regency (Wikipedia, read from a mirror copy)")
    assert INTERNAL.search("not shown (Kamis; Pj Gubernur Al Muktabar era 2022-2024)")
    assert not PATH_LIKE.search("Luas wilayah provinsi dan kabupaten/kota menurut data BIG 2024 (BIG)")


def test_titles_end_with_their_publisher_and_hold_no_other_word_in_brackets():
    for r in SOURCES.itertuples():
        assert r.judul.endswith(f"({r.penerbit})"), r.judul
        inner = re.findall(r"\(([^()]*)\)", r.judul)[:-1]
        assert all(part[:1].isdigit() for part in inner), r.judul  # e.g. "(5,25%)"; a name would read as publisher


def test_imported_figures_carry_the_clean_titles(resmi):
    assert set(resmi.source_title) - set(SOURCES.judul) == {
        "Indikator Strategis 2024 Kota Cilegon, banner situs (BPS Kota Cilegon)"}  # koreksi k19/k20
    for title in set(resmi.source_title):
        assert not PATH_LIKE.search(title) and not INTERNAL.search(title), title


@pytest.mark.parametrize(
    ("host", "jenis"),
    [("databoks.katadata.co.id", "sekunder"), ("wikipedia.org", "sekunder"), ("github.com", "sekunder"),
     ("beritakabinet.com", "sekunder"), ("nw2od.group", "sekunder"), ("bps.go.id", "dokumen_resmi"),
     ("bantenprov.go.id", "dokumen_resmi"), ("antaranews.com", "berita"), ("kompas.com", "berita")],
)
def test_source_types_follow_the_publisher(host, jenis):
    rows = SOURCES[SOURCES.url.map(lambda u: urlparse(u).netloc.endswith(host))]
    assert len(rows) and set(rows.jenis) == {jenis}


def test_secondary_sources_are_typed_on_every_figure(resmi):
    github = resmi[resmi.source_url.str.contains("github.com")]
    assert len(github) == 21 and github.source_type.eq("sekunder").all()


def test_indicator_catalogue_describes_every_indicator_used(resmi):
    ind = reference.indicators()
    assert ind.kode.is_unique and set(resmi.indicator) <= set(ind.kode)
    assert set(ind.jenis) <= {"jumlah", "rasio", "uang", "indeks"}
    assert set(ind.per_kapita) <= {"ya", "tidak"} and set(ind.agregasi) <= {"jumlah", "tidak"}
    assert (ind.denominator.eq("penduduk") == ind.per_kapita.eq("ya")).all()  # old readers see the same rule
    assert ind.nama.str.len().gt(0).all() and ind.nama_en.str.len().gt(0).all()
    assert ind.loc[ind.satuan.eq("persen"), "jenis"].eq("rasio").all()
    assert ind.loc[ind.satuan.str.startswith("rupiah"), "jenis"].eq("uang").all()
    assert {"ipm", "ipm_metode_lama"} <= set(ind.kode)


def test_figures_belong_to_the_programme_their_indicator_names(resmi):
    ind = reference.indicators().set_index("kode")["program"]
    kinds = reference.programs().set_index("kode")["jenis"]
    for r in resmi[["indicator", "program"]].drop_duplicates().itertuples():
        rule = ind[r.indicator]
        if rule == "":
            assert r.program == "", r
        elif rule == "menurut_program":
            assert kinds.get(r.program) == "program", r
        elif rule == "menurut_psks":
            assert kinds.get(r.program) == "psks", r
        else:
            assert r.program == rule, r


def test_jsod_and_jsanak_expansions_are_verified_with_their_source():
    progs = reference.programs().set_index("kode")
    assert progs.at["JSOD", "nama"] == "Jaminan Sosial Orang dengan Kedisabilitasan"
    assert progs.at["JSANAK", "nama"] == "Jaminan Sosial Anak"
    assert progs.loc[["JSOD", "JSANAK"], "terverifikasi"].all()
    assert "kabar6.com" in progs.at["JSOD", "sumber_verifikasi"]
    assert "inilahbanten.co.id" in progs.at["JSANAK", "sumber_verifikasi"]


def test_the_2013_psks_types_are_in_the_catalogue():
    progs = reference.programs().set_index("kode")
    types = ["PSP", "PSM", "KARANG_TARUNA", "DUNIA_USAHA", "WKSBM", "TKSK", "TAGANA", "LKS", "LK3",
             "KELUARGA_PIONER", "WPKS", "PENYULUH_SOSIAL", "NK3"]
    assert (progs.loc[types, "jenis"] == "psks").all()
    assert progs.at["PSP", "nama"] == "Pekerja Sosial Profesional"
    assert progs.at["WPKS", "nama"] == "Wanita Pemimpin Kesejahteraan Sosial"


def test_every_source_programme_name_is_mapped():
    for r in RAW[RAW.program != ""].itertuples():
        program, _, _ = catalogue.map_program(r.program, r.indicator)
        assert program == "" or program in set(reference.programs().kode), r.program


def test_periods_are_a_closed_ordered_vocabulary(resmi):
    periods = reference.periods()
    assert periods.kode.is_unique and periods.kode.iloc[0] == ""
    assert periods.urutan.is_monotonic_increasing
    assert set(resmi.period) <= set(periods.kode)
    assert {"Maret", "September", "Semester I", "Semester II", "Desember", "Januari-April"} <= set(periods.kode)


def test_a_broken_catalogue_row_is_refused(tmp_path, monkeypatch):
    bad = SOURCES.copy()
    bad.loc[0, "jenis"] = "blog"
    bad.loc[1, "judul"] = "Judul tanpa penerbit"
    (tmp_path / "sumber.csv").write_text(bad.to_csv(index=False), encoding="utf-8")
    monkeypatch.setattr(catalogue, "SOURCES_DIR", tmp_path)
    catalogue.sources.cache_clear()
    try:
        with pytest.raises(catalogue.CatalogueError, match=r"baris 2, kolom 'jenis'.*\n.*baris 3, kolom 'judul'"):
            catalogue.sources()
    finally:
        catalogue.sources.cache_clear()

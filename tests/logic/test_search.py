"""Ranking of "Cari Angka" on a small inline table; on the real default release, the top result of
queries in Bahasa Indonesia and English, every catalogue name, and junk that must find nothing."""

from __future__ import annotations

import random
import string

import pytest
from cari_testdata import fig, frame, release_statistics
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from dashboard.data import reference
from dashboard.logic import search_terms
from dashboard.logic.search import build_index, normalise, search

ROWS = [
    fig("uep_prov_2022", value=2720.0),
    fig("uep_prov_2021", year=2021, value=1900.0),
    fig("uep_nilai_2022", indicator="nilai_bantuan_per_penerima", value=2_500_000.0, unit="rupiah per RTS"),
    fig("uep_lebak_2022", kode_wilayah="3602", value=235.0),
    fig("uep_lebak_2025_contoh", kode_wilayah="3602", year=2025, value=400.0, status="contoh"),
    fig("uep_kec_cisata_2024", kode_wilayah="3601101", year=2024, value=25.0, status="contoh"),
    fig("tagana_prov", indicator="jumlah_psks", program="TAGANA", year=None, value=1286.0, unit="orang"),
    fig("tagana_pdg_2021", indicator="jumlah_psks", program="TAGANA", kode_wilayah="3601", year=2021,
        value=217.0, unit="orang"),
    fig("tagana_lebak_2024", indicator="jumlah_psks", program="TAGANA", kode_wilayah="3602", year=2024,
        value=140.0, unit="orang", status="contoh"),
    fig("tksk_prov", indicator="jumlah_psks", program="TKSK", year=None, value=155.0, unit="orang"),
    fig("tksk_lebak_2025", indicator="jumlah_psks", program="TKSK", kode_wilayah="3602", year=2025,
        value=28.0, unit="orang", status="contoh"),
    fig("tksk_prov_2025", indicator="jumlah_psks", program="TKSK", year=2025, value=151.0, unit="orang",
        status="contoh"),
    fig("blt_kabserang", program="BLT_BBM", kode_wilayah="3604", value=9340.0),
    fig("blt_kotaserang", program="BLT_BBM", kode_wilayah="3673", value=5632.0),
    fig("blt_prov", program="BLT_BBM", value=75613.0),
    fig("miskin_pdg_2023", indicator="penduduk_miskin", program="", kode_wilayah="3601", year=2023,
        value=114230.0, unit="jiwa"),
    fig("miskin_pdg_2022", indicator="penduduk_miskin", program="", kode_wilayah="3601", value=114650.0,
        unit="jiwa"),
    fig("persen_pdg_2023", indicator="persentase_penduduk_miskin", program="", kode_wilayah="3601",
        year=2023, value=9.18, unit="persen"),
    fig("penduduk_pdg_2023", indicator="jumlah_penduduk_dukcapil", program="", kode_wilayah="3601",
        year=2023, value=1_400_000.0, unit="jiwa"),
    fig("jamsos_2021", program="JAMSOSRATU", year=2021, value=50000.0),
    fig("jamsos_anggaran_2021", indicator="anggaran", program="JAMSOSRATU", year=2021, value=5e10,
        unit="rupiah"),
    fig("jamsos_2019", program="JAMSOSRATU", year=2019, value=50000.0, unit="KK"),
    fig("luas_kabtng", indicator="luas_wilayah", program="", kode_wilayah="3603", year=2024, value=1028.3,
        unit="km2"),
    fig("luas_x_kotatng", indicator="luas_wilayah", program="", kode_wilayah="3671", year=2024, value=178.3,
        unit="km2"),
    fig("luas_tangsel", indicator="luas_wilayah", program="", kode_wilayah="3674", year=2024, value=164.9,
        unit="km2"),
    fig("luas_cilegon", indicator="luas_wilayah", program="", kode_wilayah="3672", year=2024, value=162.6,
        unit="km2"),
    fig("uep_kec_cilegon", kode_wilayah="3672040", year=2024, value=12.0, status="contoh"),
    fig("uep_kabserang", kode_wilayah="3604", year=2024, value=300.0, status="contoh"),
    fig("uep_kec_kasemen", kode_wilayah="3673060", year=2024, value=30.0, status="contoh"),
    fig("pkh_lebak", program="PKH", kode_wilayah="3602", year=2015, value=18675.0, unit="KSM"),
    fig("kemensos_kabtng", program="BANSOS_KEMENSOS", kode_wilayah="3603", year=2021, value=297443.0,
        unit="keluarga"),
    fig("cota_kotaserang", program="COTA", kode_wilayah="3673", year=2024, value=2.0, unit="orang",
        status="contoh"),
    fig("uep_pdg_dup", kode_wilayah="3601", value=470.0, displayed=False, conflict_note="Duplikat"),
    fig("uep_pdg_shown", kode_wilayah="3601", value=470.0, source_date="2022-12-04"),
]


@pytest.fixture(scope="module")
def index():
    return build_index(frame(ROWS))


@pytest.mark.parametrize(
    ("query", "expected_top"),
    [
        ("UEP 2022", "uep_prov_2022"),
        ("Tagana Lebak", "tagana_lebak_2024"),
        ("BLT BBM Kota Serang", "blt_kotaserang"),
        ("blt bbm kab. serang", "blt_kabserang"),
        ("kota serang", "blt_kotaserang"),
        ("jumlah TKSK", "tksk_prov"),
        ("penduduk miskin pandeglang 2023", "miskin_pdg_2023"),
        ("usaha ekonomi produktif", "uep_prov_2022"),
        ("jamsosratu 2021", "jamsos_2021"),
        ("jamsostratu", "jamsos_2021"),  # typo
        ("luas kab tangerang", "luas_kabtng"),
        ("luas kabupaten tangerang", "luas_kabtng"),
        ("luas kota tangerang", "luas_x_kotatng"),
        ("luas tangsel", "luas_tangsel"),
        ("luas kota tangerang selatan", "luas_tangsel"),
        ("luas tanggerang selatan", "luas_tangsel"),  # common misspelling
        ("cilegon", "luas_cilegon"),  # kab/kota before its namesake kecamatan
        ("PKH", "pkh_lebak"),  # not the combined PKH+BPNT+BST count
        ("UEP Lebak", "uep_lebak_2022"),  # resmi before a newer contoh
        ("UEP pandeg", "uep_pdg_shown"),  # unfinished word; displayed before its duplicate
        ("kec cisata uep", "uep_kec_cisata_2024"),
        ("persentase penduduk miskin pandeglang", "persen_pdg_2023"),
    ],
)
def test_top_result(index, query, expected_top):
    result = search(index, query)
    assert not result.empty, query
    assert result.iloc[0]["fig_id"] == expected_top, result[["fig_id", "score"]].head(5).to_string()


@pytest.mark.parametrize(
    ("query", "must_not_lead"),
    [("kota serang", "blt_kabserang"), ("BLT BBM Kota Serang", "blt_kabserang"),
     ("kota serang", "cota_kotaserang"), ("kota tangerang", "luas_tangsel")],
)
def test_confusable_regions_do_not_lead(index, query, must_not_lead):
    ranked = list(search(index, query)["fig_id"])
    assert must_not_lead not in ranked[:1]


def test_kota_serang_ranks_kota_before_kabupaten(index):
    ranked = list(search(index, "BLT BBM Kota Serang")["fig_id"])
    assert ranked.index("blt_kotaserang") < ranked.index("blt_kabserang")


def test_qualifier_prefers_kecamatan_of_the_named_kota_over_the_other_serang(index):
    ranked = list(search(index, "uep kota serang")["fig_id"])
    assert ranked.index("uep_kec_kasemen") < ranked.index("uep_kabserang")


def test_year_acts_as_filter(index):
    result = search(index, "UEP 2022")
    assert set(result["year"].dropna()) == {2022}
    assert not result.attrs["year_fallback"]


def test_unknown_year_falls_back_and_says_so(index):
    result = search(index, "UEP 2030")
    assert not result.empty and result.attrs["year_fallback"]


def test_no_match_is_empty(index):
    assert search(index, "xyzzy qwerty").empty


def test_scores_are_sorted_and_limit_applies(index):
    result = search(index, "UEP", limit=3)
    assert len(result) == 3
    assert list(result["score"]) == sorted(result["score"], reverse=True)


@pytest.mark.parametrize(
    ("filters", "column", "allowed"),
    [({"programme": "TAGANA"}, "program", {"TAGANA"}),
     ({"region": "3601"}, "kode_wilayah", {"3601", "3601101"}),
     ({"year": 2021}, "year", {2021})],
)
def test_filters(index, filters, column, allowed):
    result = search(index, "", limit=100, **filters)
    assert not result.empty
    assert set(result[column]) <= allowed


def test_accepts_a_plain_frame():
    assert search(frame(ROWS), "tksk").iloc[0]["fig_id"] == "tksk_prov"


@pytest.mark.parametrize(("text", "tokens"), [
    ("Kab. Serang", ["kab", "serang"]),
    ("BLT_BBM di Kota Serang", ["blt", "bbm", "kota", "serang"]),
    ("older persons in Lebak Regency", ["lansia", "lebak", "kab"]),
    ("Lanjut Usia", ["lansia"]),
    ("Rumah Tidak Layak Huni", ["rutilahu"]),
    ("the poverty line", ["garis", "miskin"]),
    ("<script>alert(1)</script>UEP", ["uep"]),
    ("<b>Tagana</b> &amp; Lebak", ["tagana", "lebak"]),
    ("Pendamping Lansia!!!", ["pendamping", "lansia"]),
])
def test_normalise(text, tokens):
    assert normalise(text) == tokens


def test_synonym_groups_are_disjoint_and_normalising_twice_changes_nothing():
    terms = search_terms.terms()
    assert set(terms["jenis"]) <= set(search_terms.KINDS)
    groups = terms[terms.jenis.eq("sinonim")].assign(key=lambda f: f["istilah"].map(lambda x: tuple(search_terms.tokens(x))))
    clashes = groups.groupby("key")["kode"].nunique()
    assert clashes[clashes > 1].empty, clashes[clashes > 1]
    for phrase in set(groups["kode"]) | set(groups["istilah"]):
        once = normalise(phrase)
        assert once and normalise(" ".join(once)) == once, phrase


def test_extra_names_belong_to_catalogue_codes():
    known = {"wilayah": set(reference.region_names()), "program": set(reference.programs().kode),
             "indikator": set(reference.indicators().kode)}
    extra = search_terms.terms().query("jenis != 'sinonim'")
    unknown = [(k, c) for k, c in zip(extra["jenis"], extra["kode"], strict=True) if c not in known[k]]
    assert unknown == []


# --- the real default release -------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_index(tmp_path_factory):
    stats, _ = release_statistics(tmp_path_factory)
    return build_index(stats)


@pytest.mark.parametrize(
    ("query", "kode", "value", "status"),
    [("UEP 2022", "36", 2720.0, "resmi"),
     ("BLT BBM Kota Serang", "3673", 5632.0, "resmi"),
     ("jumlah TKSK", "36", 155.0, "resmi"),
     ("penduduk miskin pandeglang 2023", "3601", 114230.0, "resmi"),
     ("persentase penduduk miskin lebak 2024", "3602", 8.44, "resmi")],
)
def test_real_release_top(real_index, query, kode, value, status):
    top = search(real_index, query).iloc[0]
    assert (top["kode_wilayah"], top["value"], top["status"]) == (kode, value, status)


def test_real_release_tagana_lebak_is_lebak_tagana(real_index):
    top = search(real_index, "Tagana Lebak").iloc[0]
    assert (top["program"], top["kode_wilayah"]) == ("TAGANA", "3602")


def test_real_release_queries_find_figures(real_index):
    """Behaviour only; how fast the search is, is measured by bench/ (not asserted in a test)."""
    queries = ["UEP 2022", "Tagana Lebak", "BLT BBM Kota Serang", "jumlah TKSK", "kab. serang",
               "penduduk miskin pandeglang 2023", "usaha ekonomi produktif", "jamsosratu 2021", "tangsel"]
    assert len(real_index.stats) > 500
    for q in queries:
        assert not search(real_index, q).empty, q



@pytest.mark.parametrize(
    ("query_id", "query_en", "expected"),
    [
        ("Tagana Lebak", "disaster volunteers lebak", ("jumlah_psks", "TAGANA", "3602")),
        ("lansia", "elderly", ("penerima", "JSLU", "36")),
        ("lanjut usia", "older persons", ("penerima", "JSLU", "36")),
        ("kemiskinan", "poverty", ("penduduk_miskin", "", "36")),
        ("penduduk miskin pandeglang 2023", "poor people pandeglang 2023", ("penduduk_miskin", "", "3601")),
        ("persentase penduduk miskin lebak 2024", "poverty rate lebak regency 2024",
         ("persentase_penduduk_miskin", "", "3602")),
        ("penduduk kota tangerang selatan", "population of south tangerang", ("jumlah_penduduk_dukcapil", "", "3674")),
        ("miskin ekstrem", "extreme poverty", ("penduduk_miskin_ekstrem", "", "3603")),
        ("persentase miskin ekstrem", "extreme poverty rate", ("persentase_penduduk_miskin_ekstrem", "", "36")),
        ("dtks tangerang selatan", "registered in dtks south tangerang", ("dtks_terdata", "DTKS", "3674")),
        ("dtsen desil 1 cilegon", "dtsen decile 1 cilegon", ("dtsen_terdata", "DTSEN_D1", "3672")),
        ("pmks lansia terlantar", "neglected older persons", ("pmks_lansia_terlantar", "PMKS", "36")),
        ("anak jalanan", "street children", ("pmks_anak_jalanan_terjaring", "PMKS", "3673")),
        ("odgj dipasung", "people with mental disorders kept in shackles", ("odgj_dipasung", "", "36")),
        ("rumah tidak layak huni", "substandard houses", ("rutilahu_jumlah", "", "3673")),
        ("rtlh diperbaiki", "substandard houses repaired", ("rutilahu_diperbaiki", "RUTILAHU", "3604")),
        ("korban bencana meninggal", "disaster victims", ("korban_bencana_meninggal", "BANJIR_LEBAK_2020", "3602")),
        ("pengungsi banjir lebak", "flood evacuees lebak", ("pengungsi_bencana", "BANJIR_LEBAK_2020", "3602")),
        ("pemangkasan anggaran dinsos", "budget cut", ("anggaran_pemangkasan", "DINSOS_BANTEN", "36")),
        ("apbd banten", "banten provincial budget", ("apbd_total", "APBD_BANTEN", "36")),
        ("porsi urusan sosial apbd", "share of social affairs in the provincial budget",
         ("porsi_apbd_urusan_sosial", "URUSAN_SOSIAL", "36")),
        ("garis kemiskinan", "poverty line", ("garis_kemiskinan", "", "36")),
        ("ipm metode baru", "human development index new method", ("ipm", "", "36")),
        ("ipm metode lama", "hdi old method", ("ipm_metode_lama", "", "36")),
        ("BLT BBM Kota Serang", "fuel cash transfer serang city", ("penerima", "BLT_BBM", "3673")),
        ("UEP 2022", "productive economic enterprise 2022", ("penerima", "UEP", "36")),
        ("luas wilayah kabupaten lebak", "area of lebak regency", ("luas_wilayah", "", "3602")),
        ("jumlah TKSK", "sub-district social welfare workers", ("jumlah_psks", "TKSK", "36")),
        ("nilai bantuan UEP", "benefit per recipient UEP", ("nilai_bantuan_per_penerima", "UEP", "36")),
        ("penyandang disabilitas", "persons with disabilities", ("pmks_penyandang_disabilitas", "PMKS", "3604")),
        ("PKH lebak", "family hope programme lebak", ("penerima", "PKH", "3602")),
        ("bansos anak", "social assistance for neglected children", ("penerima", "BANSOS_ANAK", "36")),
        ("fakir miskin", "destitute", ("pmks_fakir_miskin", "PMKS", "36")),
    ],
)
def test_real_release_top_in_both_languages(real_index, query_id, query_en, expected):
    for query in (query_id, query_en):
        result = search(real_index, query)
        assert not result.empty, query
        top = tuple(result.iloc[0][["indicator", "program", "kode_wilayah"]])
        assert top == expected, (query, result[["indicator", "program", "kode_wilayah", "score"]].head(3))


@pytest.mark.parametrize("typo", ["elderyl", "povrety", "tanggerang selatan penduduk", "jamsostratu"])
def test_real_release_forgives_typos(real_index, typo):
    assert not search(real_index, typo).empty


def _catalogue_names(real_index, kind: str) -> list[tuple[str, str]]:
    shown = real_index.stats[real_index.stats["displayed"]]
    if kind == "indicator":
        rows = reference.indicators()
        used = set(shown["indicator"])
    else:
        rows = reference.programs()
        used = set(shown["program"])
    return [(code, name) for code, nama, nama_en in zip(rows.kode, rows.nama, rows.nama_en, strict=True)
            if code in used for name in (nama, nama_en)]


@pytest.fixture(scope="module")
def catalogue(real_index):
    return {kind: _catalogue_names(real_index, kind) for kind in ("indicator", "program")}


@pytest.mark.parametrize("kind", ["indicator", "program"])
def test_every_catalogue_name_finds_its_own_figures_first(real_index, catalogue, kind):
    """The class, not the examples: each indicator and programme with a published figure is found
    first by its Indonesian and its English catalogue name."""
    assert len(catalogue[kind]) > 40
    wrong = []
    for code, name in catalogue[kind]:
        result = search(real_index, name)
        if result.empty or result.iloc[0][kind] != code:
            wrong.append((code, name, None if result.empty else result.iloc[0][kind]))
    assert wrong == []


def test_every_programme_acronym_finds_the_programme(real_index):
    shown = set(real_index.stats.loc[real_index.stats["displayed"], "program"])
    programs = reference.programs()
    missing = [code for code, short in zip(programs.kode, programs.singkatan, strict=True)
               if code in shown and code not in set(search(real_index, short, limit=10)["program"])]
    assert missing == []


JUNK = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "'; DROP TABLE statistik; --",
    "' OR 1=1 --",
    "🙂🔥💯",
    "yang dan di untuk",
    "the of and in how many",
    "xyzzy qwerty",
    "xyzzy lebak",
    "1",
    "!!!???",
    "".join(random.Random(13).choice(string.printable) for _ in range(1000)),
    "".join(random.Random(14).choice(string.ascii_letters + " ") for _ in range(1000)),
]


@pytest.mark.parametrize("junk", JUNK, ids=lambda q: q[:20])
def test_junk_finds_nothing(real_index, junk):
    assert search(real_index, junk).empty


def test_junk_with_filters_finds_nothing_but_filters_alone_list(real_index):
    assert search(real_index, "<script>alert(1)</script>", region="3602").empty
    assert not search(real_index, "", region="3602").empty


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hs.text(max_size=300))
def test_any_query_never_raises(real_index, query):
    result = search(real_index, query)
    assert "score" in result.columns and len(result) <= 20


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hs.lists(hs.sampled_from(sorted(search_terms.STOPWORDS) + ["<p>", "</p>", "&amp;", "!", "...", "🙂", "--"]),
                min_size=1, max_size=12))
def test_stop_words_markup_and_punctuation_alone_find_nothing(real_index, parts):
    assert search(real_index, " ".join(parts)).empty

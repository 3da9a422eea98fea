"""Citation sentences, credit lines, provenance, related-figure notes and permalinks."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from cari_testdata import fig, frame, release_statistics
from hypothesis import given
from hypothesis import strategies as st

from dashboard.logic.citation import (
    CONTOH_PREFIX,
    figure_card,
    figure_permalink,
    parse_permalink,
    provenance_text,
    related_notes,
    sentence,
    short_citation,
)
from dashboard.logic.figtext import source_date_text

SRC = "Judul Berita (Media Contoh)"

SENTENCES = [
    (fig("a", value=2720.0, source_title="Dinsos Banten Mulai Salurkan Bantuan UEP untuk 2.720 RTS (Tangerang Daily)"),
     "Dinas Sosial Provinsi Banten menyalurkan bantuan Usaha Ekonomi Produktif (UEP) kepada 2.720 KPM pada 2022 "
     "(sumber: Dinsos Banten Mulai Salurkan Bantuan UEP untuk 2.720 RTS (Tangerang Daily), 25 November 2022)."),
    (fig("orang", program="JSLU", year=2023, value=3600.0, unit="orang", source_date="2023-11-06"),
     "Dinas Sosial Provinsi Banten menyalurkan bantuan Jaminan Sosial Lanjut Usia (JSLU) kepada 3.600 orang "
     f"pada 2023 (sumber: {SRC}, 6 November 2023)."),
    (fig("kk", program="JPS_COVID", year=2020, value=421177.0, unit="KK", source_date="2020-04-27"),
     "Pemerintah Provinsi Banten menyalurkan bantuan Jaring Pengaman Sosial Covid-19 kepada 421.177 KK "
     f"pada 2020 (sumber: {SRC}, 27 April 2020)."),
    (fig("kel", program="JSK", kode_wilayah="3602", year=2023, value=27500.0, unit="keluarga"),
     "Dinas Sosial Provinsi Banten menyalurkan bantuan Jaminan Sosial Keluarga (JSK) kepada 27.500 keluarga "
     f"di Kab. Lebak pada 2023 (sumber: {SRC}, 25 November 2022)."),
    (fig("rts", program="JAMSOSRATU", year=2015, value=49000.0, unit="RTS", source_date="2015-11"),
     "Pemerintah Provinsi Banten menyalurkan bantuan Jaminan Sosial Rakyat Banten Bersatu (Jamsosratu) "
     f"kepada 49.000 RTS pada 2015 (sumber: {SRC}, November 2015)."),
    (fig("anak", program="BANSOS_ANAK", year=2025, value=600.0, unit="anak", source_date="2025-09-23"),
     "Pemerintah Provinsi Banten menyalurkan Bantuan Sosial Anak dan Anak Terlantar kepada 600 anak pada 2025 "
     f"(sumber: {SRC}, 23 September 2025)."),
    (fig("unit", indicator="unit_diberikan", program="ABD", year=2018, value=150.0, unit="unit"),
     "Dinas Sosial Provinsi Banten menyalurkan Bantuan Alat Bantu Dengar (ABD) sebanyak 150 unit pada 2018 "
     f"(sumber: {SRC}, 25 November 2022)."),
    (fig("izin", indicator="izin_pub", program="PUB", year=2024, value=24.0, unit="izin"),
     "Dinas Sosial Provinsi Banten menerbitkan 24 izin Pengumpulan Uang atau Barang (PUB) pada 2024 "
     f"(sumber: {SRC}, 25 November 2022)."),
    (fig("keg", indicator="kegiatan", program="UPSK", kode_wilayah="3604", year=2024, value=36.0, unit="kegiatan"),
     "Dinas Sosial Provinsi Banten menyelenggarakan 36 kegiatan Unit Pelayanan Sosial Keliling (UPSK) "
     f"di Kab. Serang pada 2024 (sumber: {SRC}, 25 November 2022)."),
    (fig("svc", program="ODGJ", year=2019, value=140.0, unit="orang"),
     "Dinas Sosial Provinsi Banten memberikan Bimbingan Sosial bagi Eks Orang Dengan Gangguan Jiwa kepada "
     f"140 orang pada 2019 (sumber: {SRC}, 25 November 2022)."),
    (fig("jiwa", indicator="penduduk_miskin", program="", kode_wilayah="3601", year=2023, value=114230.0,
         unit="jiwa", source_date="not shown (after BPS 2023 release)"),
     f"Jumlah penduduk miskin di Kab. Pandeglang pada 2023 tercatat 114.230 jiwa (sumber: {SRC}, "
     "tanggal tidak disebut)."),
    (fig("pend", indicator="jumlah_penduduk_dukcapil", program="", kode_wilayah="3602", year=2024,
         value=1531564.0, unit="jiwa", source_date="2024-12 (data); file 2025-07"),
     "Jumlah penduduk Kab. Lebak pada 2024 menurut data administrasi kependudukan (Dukcapil) tercatat "
     f"1.531.564 jiwa (sumber: {SRC}, Desember 2024)."),
    (fig("sem", indicator="jumlah_penduduk_dukcapil", program="", year=2021, period="Semester I",
         value=11788728.0, unit="jiwa", source_date="2023-09-29"),
     "Jumlah penduduk Provinsi Banten pada Semester I 2021 menurut data administrasi kependudukan (Dukcapil) "
     f"tercatat 11.788.728 jiwa (sumber: {SRC}, 29 September 2023)."),
    (fig("sp", indicator="jumlah_penduduk_sp2020", program="", year=2020, value=11_900_000.0, unit="jiwa",
         precision=10000.0, source_date="2021-01-21"),
     "Jumlah penduduk Provinsi Banten pada 2020 menurut Sensus Penduduk BPS tercatat 11,90 juta jiwa "
     f"(sumber: {SRC}, 21 Januari 2021)."),
    (fig("rp", indicator="anggaran", year=2023, value=1.55e10, unit="rupiah",
         source_date="2023-12 (penyaluran 2023-12-07)"),
     f"Anggaran Usaha Ekonomi Produktif (UEP) di Provinsi Banten pada 2023 sebesar Rp15,5 miliar (sumber: {SRC}, "
     "Desember 2023)."),
    (fig("rpper", indicator="nilai_bantuan_per_penerima", program="BLT_BBM", value=600000.0,
         unit="rupiah per KPM", source_date="2022-09-09"),
     "Nilai Bantuan Langsung Tunai Kompensasi Kenaikan Harga BBM (BLT BBM) di Provinsi Banten pada 2022 "
     f"sebesar Rp600.000 per KPM (sumber: {SRC}, 9 September 2022)."),
    (fig("pct", indicator="persentase_penduduk_miskin", program="", kode_wilayah="3602", year=2024,
         value=8.44, unit="persen", source_date="2024-11-01"),
     f"Persentase penduduk miskin di Kab. Lebak pada 2024 sebesar 8,44% (sumber: {SRC}, 1 November 2024)."),
    (fig("km2", indicator="luas_wilayah", program="", kode_wilayah="3602", year=2024, value=3312.298,
         unit="km2", source_date="2024-12-16 (data BIG); file 2025-07"),
     f"Luas wilayah Kab. Lebak pada 2024 tercatat 3.312,3 km² (sumber: {SRC}, 16 Desember 2024)."),
    (fig("tksk", indicator="jumlah_psks", program="TKSK", kode_wilayah="3602", year=2025, value=28.0,
         unit="orang", source_date=""),
     f"Jumlah TKSK di Kab. Lebak pada 2025 tercatat 28 orang (sumber: {SRC}, tanggal tidak disebut)."),
    (fig("org", indicator="jumlah_psks", program="KARANG_TARUNA", kode_wilayah="3673", year=2023, value=67.0,
         unit="organisasi"),
     f"Jumlah Karang Taruna di Kota Serang pada 2023 tercatat 67 organisasi (sumber: {SRC}, 25 November 2022)."),
    (fig("lbg", indicator="jumlah_psks", program="LK3", kode_wilayah="3672", value=3.0, unit="lembaga"),
     f"Jumlah LK3 di Kota Cilegon pada 2022 tercatat 3 lembaga (sumber: {SRC}, 25 November 2022)."),
    (fig("kmp", indicator="jumlah_psks", program="KSB", kode_wilayah="3601", value=5.0, unit="kampung"),
     f"Jumlah KSB di Kab. Pandeglang pada 2022 tercatat 5 kampung (sumber: {SRC}, 25 November 2022)."),
    (fig("undated", indicator="jumlah_psks", program="TKSK", year=None, value=155.0, unit="orang",
         source_date="Jumat 20/2 (year not shown; Kadinsos Nandy Mulya era)"),
     f"Jumlah TKSK di Provinsi Banten tercatat 155 orang; tahun tidak disebut di sumber (sumber: {SRC}, "
     "tanggal tidak disebut)."),
    (fig("pkh", program="PKH", kode_wilayah="3602", year=2015, value=18675.0, unit="KPM", source_date="2015-07-09"),
     "Kementerian Sosial menyalurkan bantuan Program Keluarga Harapan (PKH) kepada 18.675 KPM di Kab. Lebak "
     f"pada 2015 (sumber: {SRC}, 9 Juli 2015)."),
    (fig("kec", kode_wilayah="3601101", year=2024, value=25.0, status="contoh"),
     "DATA CONTOH, bukan angka resmi: jumlah penerima Usaha Ekonomi Produktif (UEP) di Kec. Cisata, "
     "Kab. Pandeglang pada 2024 adalah 25 KPM (sumber: Data contoh dibangkitkan (bukan angka resmi), "
     "tanggal tidak disebut)."),
    (fig("ctksk", indicator="jumlah_psks", program="TKSK", kode_wilayah="3602", year=2025, value=28.0,
         unit="orang", status="contoh"),
     "DATA CONTOH, bukan angka resmi: jumlah TKSK di Kab. Lebak pada 2025 adalah 28 orang (sumber: Data contoh "
     "dibangkitkan (bukan angka resmi), tanggal tidak disebut)."),
    (fig("cjsod", program="JSOD", year=2024, value=700.0, unit="orang", status="contoh"),
     "DATA CONTOH, bukan angka resmi: jumlah penerima Jaminan Sosial Orang dengan Kedisabilitasan (JSOD) di Provinsi Banten pada 2024 adalah 700 orang "
     "(sumber: Data contoh dibangkitkan (bukan angka resmi), tanggal tidak disebut)."),
]


@pytest.mark.parametrize(("figure", "expected"), SENTENCES, ids=[f["fig_id"] for f, _ in SENTENCES])
def test_sentence(figure, expected):
    assert sentence(figure) == expected


def test_sentence_accepts_a_pandas_row():
    row = frame([SENTENCES[0][0]]).iloc[0]
    assert sentence(row) == SENTENCES[0][1]


def test_english_sentence_is_labelled_for_contoh():
    text = sentence(fig("c", status="contoh"), lang="en")
    assert text.startswith("SAMPLE DATA, not an official figure: ") and "2022" in text


@pytest.mark.parametrize(
    ("raw", "long", "short"),
    [("2022-11-25", "25 November 2022", "25 Nov 2022"), ("2024-12 (data); file 2025-07", "Desember 2024", "Des 2024"),
     ("2021-04-26 (revisi); data 2017", "26 April 2021", "26 Apr 2021"), ("2025 (exact date not shown)", "2025", "2025"),
     ("not shown (after BPS 2023 release)", "tanggal tidak disebut", "tanggal tidak disebut"),
     ("Kamis 15/11 (year not printed)", "tanggal tidak disebut", "tanggal tidak disebut"),
     ("", "tanggal tidak disebut", "tanggal tidak disebut"), (None, "tanggal tidak disebut", "tanggal tidak disebut")],
)
def test_source_dates(raw, long, short):
    assert source_date_text(raw) == long
    assert source_date_text(raw, short=True) == short


@pytest.mark.parametrize(
    ("fields", "expected"),
    [({"source_title": "Dinsos Banten Salurkan UEP (Tangerang Daily)"}, "Tangerang Daily, 25 Nov 2022, via Dasbor Kesos Banten"),
     ({"source_title": "Demografi (bantenprov.go.id; data Dukcapil)", "source_date": "2023-09-29"},
      "bantenprov.go.id, 29 Sep 2023, via Dasbor Kesos Banten"),
     ({"source_title": "Tanpa kurung", "source_url": "https://www.kompas.com/x", "source_date": "not shown"},
      "kompas.com, tanggal tidak disebut, via Dasbor Kesos Banten"),
     ({"status": "contoh"}, "DATA CONTOH (bukan angka resmi), via Dasbor Kesos Banten")],
)
def test_short_citation(fields, expected):
    assert short_citation(fig("x", **fields)) == expected


def test_provenance_names_source_type_quote_processing_and_status():
    f = fig("r0123456789ab", source_url="https://example.org/a", quote="sebanyak 11,90 juta jiwa",
            note="Catatan mutu.", unit_asli="11,90 juta jiwa", unit="jiwa", source_date="2021",
            source_type="sekunder", processing="skala:11,90 juta jiwa>jiwa;bulat:10000", date_inferred=True)
    text = provenance_text(f)
    for part in ("https://example.org/a", "“sebanyak 11,90 juta jiwa”", "Resmi", "sumber sekunder",
                 "11,90 juta jiwa (ditampilkan sebagai jiwa)", "2021 (tanggal diperkirakan dari konteks)",
                 "Catatan mutu.", "r0123456789ab"):
        assert part in text, part
    processing = next(line for line in text.splitlines() if line.startswith("Pengolahan"))
    assert "Tidak ada" not in processing and "puluhan ribu" in processing  # what was done, never "nothing"
    assert "DATA CONTOH" in provenance_text(fig("c", status="contoh"))
    assert "Tidak ada" in provenance_text(fig("n"))  # a figure copied as published says so


# --- related notes ---------------------------------------------------------------------------------

KABKOTA = ["3601", "3602", "3603", "3604", "3671", "3672", "3673", "3674"]


def test_related_other_source_and_other_year():
    shown = fig("shown", year=2023, value=6200.0, conflict_note="Ditampilkan 6.200 KPM: cocok dengan anggaran.")
    other = fig("other", year=2023, value=6600.0, displayed=False, source_title="Berita Lain (Koran Banten)",
                conflict_note="Sumber lain menyebut angka berbeda.")
    older = fig("older", year=2022, value=2720.0)
    stats = frame([shown, other, older])
    notes = related_notes(stats, stats.iloc[0])
    assert any("Koran Banten" in n and "6.600 KPM" in n and "cocok dengan anggaran" in n for n in notes)
    assert any("2022: 2.720 KPM" in n for n in notes)
    assert any("Angka utama" in n and "6.200 KPM" in n for n in related_notes(stats, stats.iloc[1]))


def test_related_national_programme_is_not_dinsos():
    stats = frame([fig("pkh", program="PKH", kode_wilayah="3602", value=18675.0),
                   fig("jam", program="JAMSOSRATU", kode_wilayah="3602", value=14792.0)])
    pkh_notes = " ".join(related_notes(stats, stats.iloc[0]))
    assert "program nasional Kementerian Sosial" in pkh_notes
    jam_notes = " ".join(related_notes(stats, stats.iloc[1]))
    assert "tidak termasuk" in jam_notes and "18.675 KPM" in jam_notes


def test_related_sum_mismatch_explained_by_province_note():
    parts = [fig(f"k{c}", program="BLT_BBM", kode_wilayah=c, value=1000.0) for c in KABKOTA]
    province = fig("prov", program="BLT_BBM", value=7999.0,
                   note="Jumlah delapan kabupaten/kota dalam sumber yang sama berbeda; mungkin salah ketik.")
    stats = frame([*parts, province])
    notes = related_notes(stats, stats.iloc[0])
    assert any("8.000 KPM" in n and "7.999 KPM" in n and "salah ketik" in n for n in notes)
    balanced = frame([*parts, fig("prov", program="BLT_BBM", value=8000.0)])
    assert not any("delapan" in n for n in related_notes(balanced, balanced.iloc[-1]))


def test_related_population_series_are_not_mixed():
    stats = frame([fig("d", indicator="jumlah_penduduk_dukcapil", program="", year=2024, value=12.88e6, unit="jiwa"),
                   fig("s", indicator="jumlah_penduduk_sp2020", program="", year=2020, value=11.9e6, unit="jiwa")])
    assert any("Jangan dicampur" in n for n in related_notes(stats, stats.iloc[0]))


def test_related_contoh_points_to_official_figures():
    stats = frame([fig("c", kode_wilayah="3602", year=2025, status="contoh", value=400.0),
                   fig("r", kode_wilayah="3602", year=2022, value=235.0)])
    notes = related_notes(stats, stats.iloc[0])
    assert notes and notes[0].startswith("Ini DATA CONTOH") and "235 KPM" in notes[0]


# --- permalinks ------------------------------------------------------------------------------------

@given(st.from_regex(r"[rc][0-9a-f]{12}", fullmatch=True))
def test_permalink_round_trip(fig_id):
    link = figure_permalink(fig_id, base_url="https://dasbor.example/")
    parts = urlsplit(link)
    assert parts.path == "/cari"
    assert parse_permalink({k: v[-1] for k, v in parse_qs(parts.query).items()}) == fig_id


@pytest.mark.parametrize(
    "value",
    ["", "r123", "R0123456789ab", "r0123456789abc", "r0123456789aG", "r0123456789ab\n", " r0123456789ab",
     "x0123456789ab", "<script>alert(1)</script>", "../../etc/passwd", "' OR 1=1 --", "r0123456789a%00",
     None, 123, [], ["<b>"]],
)
def test_parse_permalink_rejects_malformed(value):
    assert parse_permalink({"fig": value}) is None


def test_parse_permalink_unknown_and_missing():
    assert parse_permalink({}) is None
    assert parse_permalink({"fig": "r0123456789ab"}, known={"c0123456789ab"}) is None
    assert parse_permalink({"fig": ["c0000000000ff", "r0123456789ab"]}, known={"r0123456789ab"}) == "r0123456789ab"


def test_figure_permalink_rejects_bad_id():
    with pytest.raises(ValueError):
        figure_permalink("<script>")
    assert figure_permalink("r0123456789ab") == "/cari?fig=r0123456789ab"


# --- every figure of the real release --------------------------------------------------------------

@pytest.fixture(scope="module")
def real_stats(tmp_path_factory):
    return release_statistics(tmp_path_factory)[0]


def test_every_real_sentence_is_labelled_and_attributed(real_stats):
    from dashboard.data import reference

    national = set(reference.programs().query("penyelenggara == 'Kementerian Sosial'").kode)
    for row in real_stats.itertuples(index=False):
        text = sentence(row)
        assert text.endswith(")."), text
        if row.status == "contoh":
            assert text.startswith(CONTOH_PREFIX) and "menyalurkan" not in text, text
        else:
            assert not text.startswith("DATA CONTOH"), text
        if row.program in national:
            assert "Dinas Sosial" not in text.split("(sumber:")[0], text
        assert parse_permalink({"fig": row.fig_id}) == row.fig_id


def test_figure_card_holds_what_the_page_shows():
    stats = frame([fig("r0123456789ab", value=2720.0, source_url="javascript:alert(1)"),
                   fig("r0123456789ac", year=2021, value=1900.0)])
    card = figure_card(stats, stats.iloc[0])
    assert card["value"] == "2.720 KPM" and card["region"] == "Provinsi Banten" and card["period"] == "2022"
    assert card["permalink"] == "/cari?fig=r0123456789ab"
    assert card["source_url"] == ""  # only http(s) links reach the page
    assert card["sentence"] == sentence(stats.iloc[0]) and card["related"]
    assert ("Kode angka", "r0123456789ab") in card["provenance"]


# --- English: units, periods and sentences; card markers ------------------------------------------

@pytest.mark.parametrize(
    ("fields", "indonesian", "english"),
    [({"value": 1.0, "unit": "keluarga"}, "1 keluarga", "1 family"),
     ({"value": 27500.0, "unit": "keluarga"}, "27.500 keluarga", "27,500 families"),
     ({"value": 60.0, "unit": "orang", "approx": "sekitar"}, "sekitar 60 orang", "about 60 people"),
     ({"value": 11_900_000.0, "unit": "jiwa", "precision": 10_000.0}, "11,90 juta jiwa", "11.90 million people"),
     ({"value": 791_610.0, "unit": "jiwa", "precision": 10.0}, "791,61 ribu jiwa", "791.61 thousand people"),
     ({"value": 2720.0, "unit": "KPM"}, "2.720 KPM", "2,720 KPM"),  # a term, not translated
     ({"value": 431069.0, "unit": "rupiah per kapita per bulan"}, "Rp431.069 per kapita per bulan",
      "Rp431,069 per capita per month"),
     ({"value": 2_250_000.0, "unit": "rupiah per RTS per tahun"}, "Rp2,25 juta per RTS per tahun",
      "Rp2.25 million per RTS per year"),
     ({"value": 74.4, "unit": "indeks"}, "74,4", "74.4"),
     ({"value": 9.92, "unit": "persen"}, "9,92%", "9.92%"),
     ({"value": 67.0, "unit": "organisasi"}, "67 organisasi", "67 organisations"),
     ({"value": 5.0, "unit": "pedagang kecil"}, "5 pedagang kecil", "5 small traders")],
)
def test_value_text_speaks_the_readers_language(fields, indonesian, english):
    from dashboard.logic.figtext import value_text

    figure = fig("v", **fields)
    assert (value_text(figure, "id"), value_text(figure, "en")) == (indonesian, english)


@pytest.mark.parametrize(
    ("figure", "indonesian", "english"),
    [(fig("g", indicator="garis_kemiskinan", program="", year=2018, period="Maret", value=431069.0,
          unit="rupiah per kapita per bulan"),
      "Garis kemiskinan di Provinsi Banten pada Maret 2018 sebesar Rp431.069 per kapita per bulan",
      "Poverty line in Provinsi Banten in March 2018: Rp431,069 per capita per month"),
     (fig("i", indicator="ipm", program="", year=2020, value=74.4, unit="indeks"),
      "IPM (metode baru) di Provinsi Banten pada 2020 tercatat 74,4",
      "Human Development Index (new method) in Provinsi Banten in 2020: 74.4"),
     (fig("apbd", indicator="apbd_total", program="APBD_BANTEN", year=2024, value=1.175e13, unit="rupiah"),
      "APBD Provinsi Banten pada 2024 sebesar Rp11,75 triliun",
      "Banten provincial budget in Provinsi Banten in 2024: Rp11.75 trillion"),
     (fig("pmks", indicator="pmks_lansia_terlantar", program="PMKS", year=2022, value=64767.0, unit="orang"),
      "Jumlah PMKS lanjut usia telantar di Provinsi Banten pada 2022 tercatat 64.767 orang",
      "PMKS: neglected older persons in Provinsi Banten in 2022: 64,767 people"),
     (fig("sem", indicator="jumlah_penduduk_dukcapil", program="", year=2024, period="Semester II",
          value=12_881_374.0, unit="jiwa"),
      "Jumlah penduduk Provinsi Banten pada Semester II 2024 menurut data administrasi kependudukan (Dukcapil) "
      "tercatat 12.881.374 jiwa",
      "Registered population (Dukcapil) in Provinsi Banten in Second half-year 2024: 12,881,374 people"),
     (fig("dis", indicator="bantuan_disalurkan", program="PKH", year=2019, value=5.78e11, unit="rupiah"),
      "Nilai bantuan disalurkan Program Keluarga Harapan (PKH) di Provinsi Banten pada 2019 sebesar Rp578 miliar",
      "Benefits disbursed — Family Hope Programme (PKH) in Provinsi Banten in 2019: Rp578 billion")],
)
def test_sentences_read_well_in_both_languages(figure, indonesian, english):
    assert sentence(figure).split(" (sumber:")[0] == indonesian
    assert sentence(figure, "en").split(" (source:")[0] == english


#: Indonesian words that must not appear in the English part of a sentence (the source title may).
INDONESIAN = {"keluarga", "orang", "jiwa", "anak", "lembaga", "organisasi", "kegiatan", "izin", "paket", "desa",
              "kelurahan", "tercatat", "sebesar", "pada", "tahun", "rilis", "diperkirakan", "tanggal", "januari",
              "februari", "maret", "mei", "juni", "juli", "agustus", "oktober", "desember", "semester", "triwulan",
              "tahap", "ribu", "juta", "miliar", "triliun", "sekitar", "indeks", "persen"}


def test_every_real_english_sentence_is_english_up_to_the_source(real_stats):
    import re

    for row in real_stats.itertuples(index=False):
        text = sentence(row, "en")
        own = re.split(r" \((?:secondary )?source: ", text)[0]
        words = set(re.findall(r"[a-z]+", own.lower()))
        assert not words & INDONESIAN, (words & INDONESIAN, text)
        assert re.search(r", (\d{1,2} )?([A-Z][a-z]+ )?\d{4}\)\.$|, date not stated\)\.$", text), text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_card_marks_a_year_or_date_inferred_from_context(lang):
    stats = frame([fig("r0123456789ab", year=2013, year_inferred=True, source_date="2021", date_inferred=True),
                   fig("r0123456789ac", year=2014)])
    inferred, plain = figure_card(stats, stats.iloc[0], lang), figure_card(stats, stats.iloc[1], lang)
    marker = {"id": "diperkirakan dari konteks", "en": "inferred from context"}[lang]
    assert inferred["period"].startswith("2013") and marker in inferred["period"]
    assert inferred["source_date"].startswith("2021") and marker in inferred["source_date"]
    assert marker not in plain["period"] and marker not in plain["source_date"]


def test_related_notes_speak_english():
    stats = frame([fig("a", value=2720.0, source_date="2022-11-25"),
                   fig("b", value=2700.0, displayed=False, source_title="Berita Lain (Media Lain)"),
                   fig("c", year=2021, value=1900.0)])
    notes = related_notes(stats, stats.iloc[0], "en")
    assert any(n.startswith("Another source (Media Lain, 25 Nov 2022) gives 2,700 KPM") for n in notes), notes
    assert any(n.startswith("Other years for the same subject and region: 2021: 1,900 KPM") for n in notes), notes
    assert related_notes(stats, stats.iloc[0]) == related_notes(stats, stats.iloc[0], "id")
    assert any(n.startswith("Sumber lain (Media Lain") for n in related_notes(stats, stats.iloc[0]))

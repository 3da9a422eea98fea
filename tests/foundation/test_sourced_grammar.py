"""The closed grammars of the unit and source-date texts of the published-figure files."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dashboard.data import reference
from dashboard.data.sourced import load_raw
from dashboard.data.sourced_dates import DateError, parse_source_date
from dashboard.data.sourced_units import UnitError, check_year, parse_unit, printed_money

RAW = load_raw()
UNITS = sorted(set(RAW["unit"]))
DATES = sorted(set(RAW["source_date"]))


@pytest.mark.parametrize("text", UNITS)
def test_every_unit_text_of_the_three_files_round_trips(text):
    parsed = parse_unit(text)
    assert parsed.text() == text
    assert parsed.period in set(reference.periods().kode)
    assert parsed.approx in ("", "sekitar", "lebih dari", "kurang dari")
    assert "(" not in parsed.unit and parsed.unit


@pytest.mark.parametrize(
    ("text", "unit", "scale", "period", "approx", "kinds"),
    [
        ("jiwa (Maret)", "jiwa", 1, "Maret", "", {"periode"}),
        ("ribu KPM (sekitar)", "KPM", 1000, "", "sekitar", {"kira"}),
        ("ribu jiwa", "jiwa", 1000, "", "", set()),
        ("rupiah (dipangkas; sumber: Rp13,7 miliar)", "rupiah", 1, "", "", {"lingkup", "ejaan"}),
        ("indeks (metode baru; rilis BPS Des 2023 atau sesudahnya) ; angka LKPJ Bupati", "indeks", 1, "", "",
         {"metode", "keterangan"}),
        ("orang (Januari-April 2024)", "orang", 1, "Januari-April", "", {"periode"}),
        ("jiwa (per 29 Des 2022)", "jiwa", 1, "Desember", "", {"periode"}),
        ("rupiah (APBD, kurang lebih; sumber: Rp50 miliar)", "rupiah", 1, "", "sekitar", {"lingkup", "kira", "ejaan"}),
        ("rumah tangga sasaran", "RTS", 1, "", "", set()),
    ],
)
def test_unit_texts_split_into_their_parts(text, unit, scale, period, approx, kinds):
    parsed = parse_unit(text)
    assert (parsed.unit, parsed.scale, parsed.period, parsed.approx) == (unit, scale, period, approx)
    assert {i.kind for i in parsed.items} == kinds


@pytest.mark.parametrize(
    "text",
    ["lusin", "ribu lusin", "jiwa (Maret", "jiwa (kira-kira)", "jiwa (Maret; September)", "KPM (sekitar; lebih dari)",
     "jiwa ; catatan bebas", "jiwa (APBD, entah)"],
)
def test_a_unit_outside_the_grammar_is_refused(text):
    with pytest.raises(UnitError):
        parse_unit(text)


def test_a_year_inside_the_unit_must_be_the_rows_year():
    check_year(parse_unit("jiwa (per 29 Des 2022)"), "2022")
    with pytest.raises(UnitError, match="2023"):
        check_year(parse_unit("jiwa (per 29 Des 2022)"), "2023")


def test_printed_money_gives_value_and_rounding_step():
    assert printed_money(parse_unit("rupiah (sumber: Rp 2,2 miliar)")) == (
        "Rp 2,2 miliar", Decimal("2200000000"), Decimal("100000000"))
    assert printed_money(parse_unit("rupiah (pagu APBD murni; sumber: Rp123,5 miliar)"))[2] == 10**8
    assert printed_money(parse_unit('ribu keluarga (sumber: "131 ribh")')) is None


@pytest.mark.parametrize("text", DATES)
def test_every_source_date_text_of_the_three_files_is_read(text):
    parsed = parse_source_date(text)
    length = {"hari": 10, "bulan": 7, "tahun": 4, "": 0}[parsed.precision]
    assert len(parsed.iso) == length
    assert not (parsed.precision == "" and parsed.date_inferred)


@pytest.mark.parametrize(
    ("text", "iso", "precision", "date_inferred", "year_inferred"),
    [
        ("2019-07-15 (rilis, Senin 15/7)", "2019-07-15", "hari", False, False),
        ("2022-01-05 (disimpulkan: Rabu 5/1; data Susenas Maret 2021)", "2022-01-05", "hari", True, False),
        ("Rabu (5/1) [2022-01-05]; year not printed", "2022-01-05", "hari", True, False),
        ("Kamis 15/11 (year not printed; 15 Nov 2018 is a Thursday)", "2018-11-15", "hari", True, True),
        ("2019-04 (year inferred: Mensos Agus Gumiwang, PKH tahap II)", "2019-04", "bulan", True, True),
        ("2024-12 (data); file 2025-07", "2025-07", "bulan", False, False),
        ("2020 (COPYRIGHT 2020; Jumat)", "2020", "tahun", True, False),
        ("2025-01-05 (Ahad; tanggal dari Koran Jakarta 2025-01-06 yang memuat pernyataan sama)", "2025-01-05",
         "hari", True, False),
        ("not shown (year inferred: same Rp24,3 miliar 2025 distribution)", "", "", False, True),
        ("tidak tercantum (Databoks, data BPS 2024)", "", "", False, False),
    ],
)
def test_source_dates_are_normalised_with_precision_and_inference(text, iso, precision, date_inferred, year_inferred):
    parsed = parse_source_date(text)
    assert (parsed.iso, parsed.precision, parsed.date_inferred, parsed.year_inferred) == (
        iso, precision, date_inferred, year_inferred)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("kemarin", "tidak dikenal"),
        ("2021-02-30", "kalender"),
        ("2022-01-06 (Jumat 6 Januari 2022)", "bukan hari Jumat"),        # 6 Jan 2022 was a Thursday
        ("2020-02-18 (disimpulkan: Selasa 19/2)", "tidak cocok"),         # day written differs from the date
        ("Kamis (5/1) [2022-01-05]", "bukan hari Kamis"),               # 5 Jan 2022 was a Wednesday
        ("2024-13", "kalender"),
    ],
)
def test_a_source_date_outside_the_grammar_or_the_calendar_is_refused(text, words):
    with pytest.raises(DateError, match=words):
        parse_source_date(text)

"""Reading single cells: numbers in Indonesian and English form, years, dates, periods, units, codes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.data.cells import CellError, parse_date, parse_number, parse_year, scaled
from dashboard.data.staff_parse import parse_period, parse_region, parse_unit
from dashboard.text.fmt import number as fmt_number


@pytest.mark.parametrize("text, convention, value, precision", [
    ("1.234.567", "id", 1234567, None),
    ("12,5", "id", 12.5, None),
    ("1.234.567,89", "id", 1234567.89, None),
    ("Rp 2.500.000", "id", 2500000, None),
    ("Rp2.500.000,-", "id", 2500000, None),
    ("IDR 2.500.000", "id", 2500000, None),
    ("12,5%", "id", 12.5, None),
    ("1,234,567.5", "en", 1234567.5, None),
    ("1 234 567", "id", 1234567, None),
    ("3,25 juta", "id", 3250000, 10000),
    ("775,99 ribu", "id", 775990, 10),
    ("1,5 miliar", "id", 1500000000, 100000000),
    ("1.234", "id", 1234, None),      # ambiguous: Indonesian grouping unless the file says English
    ("1.234", "en", 1.234, None),
    ("1,234", "id", 1.234, None),
    ("1,234", "en", 1234, None),
    ("0,125", "id", 0.125, None),
    ("-150", "id", -150, None),
    ("(1.500)", "id", -1500, None),   # accounting negative
    (2024, "id", 2024, None),          # Excel number cells are taken as they are
    (12.5, "en", 12.5, None),
])
def test_parse_number(text, convention, value, precision):
    assert scaled(parse_number(text), convention) == (pytest.approx(value), precision)


@pytest.mark.parametrize("text", ["seratus", "12,5,3", "1.23.4", "", "-", "1.", ",5", "12..5", "Rp", "=1+1",
                                  float("nan"), True, None])
def test_unreadable_numbers(text):
    with pytest.raises(CellError) as err:
        parse_number(text)
    assert err.value.rule == "angka_tidak_terbaca"


@pytest.mark.parametrize("text, convention", [("1.234.567", "id"), ("12,5", "id"), ("1,234,567", "en"),
                                              ("12.5", "en"), ("1.234", None), ("400", None)])
def test_number_convention(text, convention):
    assert parse_number(text).convention == convention


@given(st.integers(min_value=0, max_value=10**13))
def test_indonesian_formatted_integers_read_back(n):
    assert scaled(parse_number(fmt_number(n)), "id")[0] == n
    assert scaled(parse_number(f"{n:,}"), "en")[0] == n  # English grouping


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_indonesian_formatted_decimals_read_back(d):
    text = fmt_number(float(d), decimals=2)
    assert Decimal(str(scaled(parse_number(text), "id")[0])) == d


@pytest.mark.parametrize("raw, expected", [
    ("5 Maret 2024", "2024-03-05"), ("05/03/2024", "2024-03-05"), ("5-3-2024", "2024-03-05"),
    ("2024-03-05", "2024-03-05"), ("2024-03-05 00:00:00", "2024-03-05"), ("5 Mar 2024", "2024-03-05"),
    ("5-Mar-2024", "2024-03-05"), ("17 Agustus 2024", "2024-08-17"), ("1 Des 2023", "2023-12-01"),
    ("March 5, 2024", "2024-03-05"), ("Maret 2024", "2024-03"), ("2024-03", "2024-03"),
    (45356, "2024-03-05"), ("45356", "2024-03-05"), (45356.0, "2024-03-05"),
    (datetime(2024, 3, 5, 10, 30), "2024-03-05"), (date(2024, 3, 5), "2024-03-05"),
])
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


def test_serial_date_of_a_1904_workbook():
    assert parse_date(43894, epoch=date(1904, 1, 1)) == "2024-03-05"


@pytest.mark.parametrize("raw", ["31/02/2024", "05/13/2024", "kemarin", "", "2024", "13 Bulan 2024", 0])
def test_unreadable_dates(raw):
    with pytest.raises(CellError) as err:
        parse_date(raw)
    assert err.value.rule == "tanggal_tidak_terbaca"


@pytest.mark.parametrize("raw, expected", [("2024", 2024), (2024, 2024), (2024.0, 2024), ("2.024", 2024),
                                           (" 2024 ", 2024)])
def test_parse_year(raw, expected):
    assert parse_year(raw) == expected


@pytest.mark.parametrize("raw", ["dua ribu", "2024,5", "20%", "2 ribu", 2024.5])
def test_unreadable_years(raw):
    with pytest.raises(CellError):
        parse_year(raw)


@pytest.mark.parametrize("raw, expected", [("", ""), ("maret", "Maret"), ("MAR", "Maret"), ("September", "September"),
                                           ("semester 1", "Semester I"), ("Smt II", "Semester II"),
                                           ("TW 3", "Triwulan III"), ("triwulan iv", "Triwulan IV")])
def test_parse_period(raw, expected):
    assert parse_period(raw) == expected


@pytest.mark.parametrize("raw, expected", [("KPM", ("KPM", 0)), ("ribu jiwa", ("jiwa", 3)), ("%", ("persen", 0)),
                                           ("Rp", ("rupiah", 0)), ("juta rupiah", ("rupiah", 6)),
                                           ("rupiah per KPM", ("rupiah per KPM", 0))])
def test_parse_unit(raw, expected):
    assert parse_unit(raw) == expected


@pytest.mark.parametrize("raw, expected", [(3601, "3601"), (3601.0, "3601"), ("36", "36"), ("36.01", "3601"),
                                           ("36.74", "3674"), ("36.03.12", "3603120"), ("3603120", "3603120")])
def test_parse_region(raw, expected):
    assert parse_region(raw) == expected


@pytest.mark.parametrize("raw", ["Kab. Lebak", "Kota Serang", "36-01"])
def test_region_names_are_not_codes(raw):
    with pytest.raises(CellError):
        parse_region(raw)

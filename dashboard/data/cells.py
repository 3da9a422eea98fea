"""Parsing of single spreadsheet cells written the way Dinsos staff write them.

Numbers come in Indonesian form (``1.234.567``, ``12,5``, ``Rp 2.500.000,-``, ``3,25 juta``) and
sometimes in English form (``1,234,567.5``). A number such as ``1.234`` reads differently in the two
conventions; :func:`parse_number` reports both readings and the caller settles it with the convention
of the rest of the file (Indonesian when nothing else decides). Dates come as text (``5 Maret 2024``,
``05/03/2024`` day first, ``2024-03-05``), as Excel serial numbers, or as date cells.

Digits are ASCII digits only (a fullwidth ``４００`` or Arabic-Indic ``٤٠٠`` is refused, never read);
a number needs at most 15 significant digits before the decimal point (what a spreadsheet and a float
hold exactly). A number cell that Excel shows as a percentage arrives as :class:`Percent` and is read as
shown (stored 0.0365 with format ``0.00%`` is 3,65 %).

Every parser raises :class:`CellError` naming a rule id of :mod:`dashboard.data.staff_messages`.

:func:`starts_like_formula` and :func:`neutralise` are the one definition of text that a spreadsheet
could run as a formula, used by the upload check and by every CSV/XLSX the dashboard writes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01, counting Excel's phantom 29 Feb 1900
SCALE_WORDS = {"ribu": 3, "rb": 3, "juta": 6, "jt": 6, "miliar": 9, "milyar": 9, "triliun": 12}
MONTHS = {
    "januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "pebruari": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "jun": 6,
    "june": 6, "juli": 7, "jul": 7, "july": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8,
    "august": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10,
    "october": 10, "november": 11, "nov": 11, "nopember": 11, "desember": 12, "des": 12, "dec": 12,
    "december": 12,
}
MAX_WHOLE = Decimal(10) ** 15  # 16 digits before the decimal point cannot be stored exactly
#: What makes a spreadsheet cell a formula when it is the first character (OWASP CSV injection).
FORMULA_TRIGGERS = frozenset("=+-@\t\r")
#: Invisible characters skipped when looking for the first character of a text.
_SKIPPED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zs", "Zl", "Zp", "Mn", "Mc", "Me"})
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
_CURRENCY = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)
_SCALE_SUFFIX = re.compile(r"\s*(" + "|".join(SCALE_WORDS) + r")\.?$", re.IGNORECASE)


def starts_like_formula(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula: its first character that is not white
    space, a control, format or combining character (``\\u200b``, BOM, no-break space, line break, ...)
    is ``= + - @`` or their fullwidth forms; a tab or carriage return anywhere in that lead counts too."""
    for ch in text:
        if ch in FORMULA_TRIGGERS:
            return True
        if ch.isspace() or ch in _INVISIBLE_LETTERS or unicodedata.category(ch) in _SKIPPED_CATEGORIES:
            continue
        return unicodedata.normalize("NFKC", ch)[:1] in FORMULA_TRIGGERS
    return False


def neutralise(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; other values unchanged."""
    if isinstance(value, str) and value and starts_like_formula(value):
        return "'" + value
    return value


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(value: object) -> object:
    """A value as a CSV/XLSX download or open-data file writes it: :func:`neutralise`; a carriage
    return as a line feed (Python's csv writer with ``lineterminator="\\n"`` leaves a bare CR unquoted,
    and many readers split the row there); other C0 controls, which an XLSX cannot hold and which
    drive terminals (ANSI escapes), as U+FFFD."""
    value = neutralise(value)
    if isinstance(value, str) and not value.isprintable():
        value = _XML_ILLEGAL.sub("\ufffd", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value


@dataclass(frozen=True)
class Percent:
    """A number cell that Excel shows as a percentage: ``stored`` 0.0365 with format ``0.00%`` shows 3,65%."""

    stored: float

    def shown(self) -> Decimal:
        return (Decimal(repr(self.stored)) * 100).normalize()

    def __str__(self) -> str:
        return f"{self.shown():f}".replace(".", ",") + "%"


class CellError(ValueError):
    """A cell that cannot be read; ``rule`` is a rule id, ``detail`` optional extra text."""

    def __init__(self, rule: str, detail: str | None = None):
        super().__init__(rule)
        self.rule = rule
        self.detail = detail


@dataclass(frozen=True)
class Number:
    """A parsed number. ``convention`` is ``"id"``, ``"en"`` or ``None`` (reads the same in both).

    ``alternative`` is the English reading (value, decimals) of a text that is ambiguous (``1.234``:
    1234 in Indonesian, 1.234 in English); ``decimals`` counts the digits after the decimal separator
    as written and ``scale`` is the power of ten of a scale word (``juta`` = 6): together they give
    the precision of a rounded figure.
    """

    value: Decimal
    convention: str | None = None
    alternative: tuple[Decimal, int] | None = None
    decimals: int = 0
    scale: int = 0
    percent: bool = False

    def resolved(self, file_convention: str) -> tuple[Decimal, int]:
        """(value, decimals) under the file's convention (only ambiguous texts depend on it)."""
        if self.alternative is not None and file_convention == "en":
            return self.alternative
        return self.value, self.decimals


def _grouped(text: str, sep: str) -> bool:
    return bool(re.fullmatch(r"[0-9]{1,3}(?:" + re.escape(sep) + r"[0-9]{3})+", text))


def _digits(text: str, convention: str | None, percent: bool, scale: int, sign: int) -> Number:
    """Read ``text`` (digits, dots, commas only) into a :class:`Number`."""
    dots, commas = text.count("."), text.count(",")

    def num(s: str, decimals: int = 0, conv: str | None = convention, alt: Decimal | None = None) -> Number:
        return Number(sign * Decimal(s), conv, alt, decimals, scale, percent)

    if not dots and not commas:
        return num(text)
    if dots and commas:
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        whole, _, frac = text.rpartition(decimal_sep)
        if text.count(decimal_sep) != 1 or not frac or not _grouped(whole, group_sep):
            raise CellError("angka_tidak_terbaca")
        return num(whole.replace(group_sep, "") + "." + frac, len(frac), "id" if decimal_sep == "," else "en")
    sep = "." if dots else ","
    whole, _, frac = text.partition(sep)
    if text.count(sep) > 1:
        if not _grouped(text, sep):
            raise CellError("angka_tidak_terbaca")
        return num(text.replace(sep, ""), 0, "id" if sep == "." else "en")
    if not whole or not frac:
        raise CellError("angka_tidak_terbaca")
    plain_decimal = Decimal(whole + "." + frac)
    if len(frac) == 3 and len(whole) <= 3 and whole != "0":
        grouped = Decimal(whole + frac)
        # "1.234" is 1234 in Indonesian and 1.234 in English; "1,234" the other way round.
        if sep == ".":
            return Number(sign * grouped, None, (sign * plain_decimal, 3), 0, scale, percent)
        return Number(sign * plain_decimal, None, (sign * grouped, 0), 3, scale, percent)
    return num(str(plain_decimal), len(frac), "en" if sep == "." else "id")


def parse_number(raw: object) -> Number:
    """Parse a numeric cell: an Excel number, or text in Indonesian or English form.

    Accepts a currency prefix (``Rp``, ``IDR``), a trailing ``,-`` (``Rp 2.500.000,-``), a percent
    sign, a scale word (``ribu``, ``juta``, ``miliar``, ``triliun``), spaces between digit groups,
    a leading minus or accounting parentheses (negative numbers parse; the value rules refuse them).
    """
    number = _parse_number(raw)
    if abs(number.value.scaleb(number.scale)) >= MAX_WHOLE or (
            number.alternative and abs(number.alternative[0].scaleb(number.scale)) >= MAX_WHOLE):
        raise CellError("angka_terlalu_besar")
    return number


def _parse_number(raw: object) -> Number:
    if isinstance(raw, bool) or raw is None:
        raise CellError("angka_tidak_terbaca")
    if isinstance(raw, datetime | date):
        raise CellError("angka_tidak_terbaca", "sel berformat tanggal di Excel; ubah format sel menjadi Angka")
    if isinstance(raw, Percent):
        value = raw.shown()
        return Number(value, decimals=max(0, -value.as_tuple().exponent), percent=True)
    if isinstance(raw, int):
        return Number(Decimal(raw))
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise CellError("angka_tidak_terbaca")
        value = Decimal(repr(raw))
        return Number(value, decimals=max(0, -value.normalize().as_tuple().exponent))
    text = _SPACES.sub(" ", str(raw)).strip()
    sign = 1
    if text.startswith("(") and text.endswith(")"):
        sign, text = -1, text[1:-1].strip()
    if text.startswith("-"):
        sign, text = -sign, text[1:].strip()
    text = _CURRENCY.sub("", text)
    if text.endswith(",-"):
        text = text[:-2].strip()
    percent = text.endswith("%")
    text = text.rstrip("%").strip()
    scale = 0
    match = _SCALE_SUFFIX.search(text)
    if match:
        scale, text = SCALE_WORDS[match.group(1).lower()], text[: match.start()].strip()
    text = text.replace(" ", "")
    if not re.fullmatch(r"[0-9][0-9.,]*", text) or text[-1] in ".,":
        raise CellError("angka_tidak_terbaca")
    try:
        return _digits(text, None, percent, scale, sign)
    except InvalidOperation as exc:
        raise CellError("angka_tidak_terbaca") from exc


def scaled(number: Number, file_convention: str, unit_scale: int = 0) -> tuple[float, float | None]:
    """Value in the base unit and its precision (rounding step), ``None`` when written exactly.

    ``"3,25 juta"`` -> (3 250 000, 10 000); ``"814,02"`` with satuan ``ribu jiwa`` -> (814 020, 10).
    """
    power = number.scale + unit_scale
    value, decimals = number.resolved(file_convention)
    if power == 0:
        return float(value), None
    return float(value.scaleb(power)), float(Decimal(1).scaleb(max(0, power - decimals)))


def parse_year(raw: object) -> int:
    """A year: ``2024``, ``2024.0`` (Excel), ``"2.024"`` (a year formatted with a thousands separator)."""
    try:
        number = parse_number(raw)
    except CellError as exc:
        raise CellError("tahun_tidak_terbaca") from exc
    readings = [number.value] + ([number.alternative[0]] if number.alternative else [])
    whole = [v for v in readings if v == v.to_integral()]
    if number.percent or number.scale or not whole:
        raise CellError("tahun_tidak_terbaca")
    return int(whole[0])


def from_serial(serial: float, epoch: date = EXCEL_EPOCH) -> date:
    """Date of an Excel serial number (``epoch`` is 1899-12-30, or 1904-01-01 for Mac workbooks)."""
    if not 1 <= serial < 2_958_466:
        raise CellError("tanggal_tidak_terbaca")
    return epoch + timedelta(days=int(serial))


def parse_date(raw: object, epoch: date = EXCEL_EPOCH) -> str:
    """ISO text of a date cell: ``YYYY-MM-DD``, or ``YYYY-MM`` when only month and year are given."""
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return from_serial(raw, epoch).isoformat()
    text = _SPACES.sub(" ", str(raw or "")).strip().lower()
    if not text.isascii():
        raise CellError("tanggal_tidak_terbaca")
    if re.fullmatch(r"[0-9]{5}(\.0+)?", text):
        return from_serial(float(text), epoch).isoformat()
    text = re.sub(r"\s+\d{1,2}:\d{2}(:\d{2})?$", "", text)  # "2024-03-05 00:00:00" from pandas/Excel
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text):
            return date(int(m[3]), int(m[2]), int(m[1])).isoformat()  # Indonesian order: day first
        if m := re.fullmatch(r"(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{4})", text):
            if m[2] in MONTHS:
                return date(int(m[3]), MONTHS[m[2]], int(m[1])).isoformat()
        if m := re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", text):
            if m[1] in MONTHS:
                return date(int(m[3]), MONTHS[m[1]], int(m[2])).isoformat()
        if m := re.fullmatch(r"([a-z]+)\.?[\s-]+(\d{4})", text):
            if m[1] in MONTHS:
                return f"{int(m[2]):04d}-{MONTHS[m[1]]:02d}"
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
            if 1 <= int(m[2]) <= 12:
                return f"{int(m[1]):04d}-{int(m[2]):02d}"
    except ValueError as exc:  # 31 Februari and the like
        raise CellError("tanggal_tidak_terbaca") from exc
    raise CellError("tanggal_tidak_terbaca")

"""First pass over a staff file: read every cell into its type, reporting every cell that cannot be read.

Nothing here judges whether a value is plausible (that is :mod:`dashboard.data.staff_checks`); this
pass only turns text into numbers, years, dates and catalogue codes, and refuses what must never be
read at all: formula cells, text that a spreadsheet would run as a formula (``=``, ``+``, ``-``,
``@``, tab), Excel error values, and cells that look like private data (NIK, phone, email).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from dashboard.data import reference
from dashboard.data.cells import (
    MONTHS,
    SCALE_WORDS,
    CellError,
    Number,
    parse_date,
    parse_number,
    parse_year,
    scaled,
)
from dashboard.data.readers import ExcelError, Formula, RawTable
from dashboard.data.schema import Problem
from dashboard.data.staff_columns import REQUIRED, Header
from dashboard.data.staff_messages import problem

NUMERIC = {"nilai", "tahun", "presisi"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PRIVATE_PATTERNS = [
    ("pola NIK (16 angka)", re.compile(r"(?<!\d)\d{16}(?!\d)")),
    ("pola nomor telepon", re.compile(r"(?<![\d+])(?:\+62|62|0)8\d{7,11}(?!\d)")),
    ("pola alamat email", re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")),
]
_MONTH_NAMES = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                "Oktober", "November", "Desember"]
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV", "i": "I", "ii": "II", "iii": "III", "iv": "IV"}
OUTPUT = ["indicator", "program", "kode_wilayah", "year", "period", "value", "unit", "unit_asli",
          "precision", "source_title", "source_url", "source_date", "quote", "note", "nama_wilayah", "nilai_asli"]


@dataclass
class Parsed:
    """Typed rows (index = spreadsheet row number) and the problems of the first pass.

    Every non-blank row is kept, also when some cells failed, so that the value rules can still judge
    its other cells; ``rows["_failed"]`` names the columns that failed or are missing.
    """

    rows: pd.DataFrame
    problems: list[Problem]


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def parse_period(text: str) -> str:
    """``"semester 1"`` -> ``"Semester I"``, ``"maret"`` -> ``"Maret"``; ``CellError`` when unknown."""
    key = re.sub(r"\s+", " ", text.strip().lower())
    if not key:
        return ""
    if key in MONTHS:
        return _MONTH_NAMES[MONTHS[key] - 1]
    if m := re.fullmatch(r"(semester|smt|sem)\.? ?(1|2|i|ii)", key):
        return f"Semester {_ROMAN[m[2]]}"
    if m := re.fullmatch(r"(triwulan|tw|kuartal)\.? ?(1|2|3|4|i|ii|iii|iv)", key):
        return f"Triwulan {_ROMAN[m[2]]}"
    raise CellError("periode_tidak_dikenal")


def parse_unit(text: str) -> tuple[str, int]:
    """(base unit, power of ten): ``"ribu jiwa"`` -> (``jiwa``, 3); ``"%"`` -> (``persen``, 0)."""
    unit = re.sub(r"\s+", " ", text.strip())
    first, _, rest = unit.partition(" ")
    power = 0
    if first.lower() in SCALE_WORDS and rest:
        power, unit = SCALE_WORDS[first.lower()], rest
    lowered = unit.lower()
    if lowered in ("%", "persen", "percent"):
        return "persen", power
    if lowered in ("rp", "rp.", "rupiah", "idr"):
        return "rupiah", power
    return unit, power


def parse_region(raw: object) -> str:
    """BPS code of a region cell: ``3601``, ``3601.0`` (Excel), or Kemendagri ``36.01`` / ``36.03.12``."""
    text = _text(raw)
    if re.fullmatch(r"\d+", text):
        return text
    if re.fullmatch(r"\d{2}\.\d{2}(\.\d{2})?", text):
        table = reference.kabkota() if len(text) == 5 else reference.kecamatan()
        match = table.loc[table.kode_kemendagri == text, "kode_bps"]
        return match.iloc[0] if len(match) else text.replace(".", "")
    raise CellError("kode_wilayah_format")


def _catalogue_code(text: str, table: pd.DataFrame, columns: list[str], upper: bool) -> str:
    key = text.strip().casefold()
    for column in columns:
        hit = table.loc[table[column].str.casefold() == key, "kode"]
        if len(hit):
            return hit.iloc[0]
    joined = re.sub(r"[\s-]+", "_", text.strip())
    return joined.upper() if upper else joined.lower()


class _Row:
    """Collects the parsed fields and problems of one spreadsheet row."""

    def __init__(self, table: RawTable, number: int, missing: set[str]):
        self.table, self.number, self.out, self.problems = table, number, {}, []
        self.failed = set(missing)  # columns whose value is unknown: the value rules skip them

    def fail(self, rule: str, column: str, value: object = None, detail: str | None = None) -> None:
        self.problems.append(problem(rule, self.table.name, self.number, column, value, detail))
        self.failed.add(column)


def _screen(row: _Row, column: str, raw: object) -> bool:
    """Refuse private-looking content, formulas, Excel errors and formula-like text. True if usable."""
    if column != "url_sumber":
        # A NIK typed as a number, or inside a formula, is still a NIK: checked first, never echoed.
        shown = raw.text if isinstance(raw, Formula) else raw if isinstance(raw, str) else _text(raw)
        for label, pattern in _PRIVATE_PATTERNS:
            if pattern.search(shown):
                row.fail("data_pribadi_dalam_sel", column, None, label)
                return False
    if isinstance(raw, Formula):
        row.fail("rumus_excel", column, raw.text)
        return False
    if isinstance(raw, ExcelError):
        row.fail("galat_excel", column, raw.text)
        return False
    if not isinstance(raw, str):
        return True
    text = raw.lstrip(" ")
    if column == "nilai" and text.strip() == "-":
        row.fail("nilai_strip", column, raw)
        return False
    if text.startswith(FORMULA_START):
        if not (column in NUMERIC and text.startswith("-") and _is_number(text)):
            row.fail("injeksi_rumus", column, raw)
            return False
    return True


def _is_number(text: str) -> bool:
    try:
        parse_number(text)
    except CellError:
        return False
    return True


def _parse_cell(row: _Row, column: str, raw: object, epoch) -> None:
    text = _text(raw)
    try:
        if column == "indikator":
            row.out["indicator"] = _catalogue_code(text, reference.indicators(), ["kode", "nama"], False)
        elif column == "program":
            row.out["program"] = text and _catalogue_code(
                text, reference.programs(), ["kode", "singkatan", "nama"], True)
        elif column == "kode_wilayah":
            row.out["kode_wilayah"] = parse_region(raw)
        elif column == "tahun":
            row.out["year"] = parse_year(raw)
        elif column == "periode":
            row.out["period"] = parse_period(text)
        elif column == "nilai":
            row.out["nilai_asli"] = text
            row.out["_number"], row.out["_number_text"] = parse_number(raw), text
        elif column == "presisi":
            row.out["_precision"] = parse_number(raw) if text else None
        elif column == "satuan":
            row.out["unit"], row.out["_unit_power"] = parse_unit(text)
            row.out["unit_asli"] = text
        elif column == "tanggal_sumber":
            row.out["source_date"] = parse_date(raw, epoch)
        else:
            field = {"sumber": "source_title", "url_sumber": "source_url", "kutipan": "quote",
                     "catatan": "note", "nama_wilayah": "nama_wilayah"}[column]
            row.out[field] = text
    except CellError as err:
        row.fail(err.rule, column, text, err.detail)


def _blank(cells: list, columns: dict[int, str]) -> bool:
    return all(cells[p] is None or (isinstance(cells[p], str) and not cells[p].strip())
               for p in columns if p < len(cells))


def parse_rows(table: RawTable, header: Header) -> Parsed:
    """Parse every data row under ``header``; blank rows (trailing or between blocks) are skipped."""
    rows, problems = [], []
    missing = set(REQUIRED) - set(header.columns.values())  # optional columns default to empty
    for number, cells in table.rows[header.data_from:]:
        if _blank(cells, header.columns):
            continue
        row = _Row(table, number, missing)
        for position, column in header.columns.items():
            raw = cells[position] if position < len(cells) else None
            if not _screen(row, column, raw):
                continue
            if _text(raw) == "" and column in ("indikator", "kode_wilayah", "tahun", "nilai", "satuan",
                                                 "sumber", "tanggal_sumber"):
                row.fail("wajib_diisi", column)
                continue
            _parse_cell(row, column, raw, table.epoch)
        rows.append(row)
    convention = _convention(rows)
    for row in rows:
        _resolve_numbers(row, convention)
        problems.extend(row.problems)
    records = [dict(row.out, _row=row.number, _failed=frozenset(row.failed)) for row in rows]
    frame = pd.DataFrame(records, columns=OUTPUT + ["_row", "_failed"]).set_index("_row")
    frame.index.name = None
    for column in OUTPUT:
        if column not in ("year", "value", "precision"):
            frame[column] = frame[column].fillna("").astype(str)
    frame["value"] = pd.to_numeric(frame["value"]).astype(float)
    return Parsed(frame, problems)


def _convention(rows: list[_Row]) -> str:
    """The number convention of the file: the majority of unambiguous cells, Indonesian by default."""
    seen = [n.convention for r in rows for n in (r.out.get("_number"), r.out.get("_precision"))
            if isinstance(n, Number) and n.convention]
    return "en" if seen.count("en") > seen.count("id") else "id"


def _resolve_numbers(row: _Row, convention: str) -> None:
    text = row.out.pop("_number_text", None)
    for column, key in (("nilai", "_number"), ("presisi", "_precision")):
        number = row.out.pop(key, None)
        if isinstance(number, Number) and number.convention not in (None, convention):
            row.fail("format_angka_campuran", column, text if column == "nilai" else None)
            number = None
        if column == "nilai" and number is not None:
            power = row.out.pop("_unit_power", 0)
            row.out["value"], row.out["precision"] = scaled(number, convention, power)
            if number.percent and row.out.get("unit") != "persen":
                row.fail("tanda_persen", column, text, f"satuan {row.out.get('unit_asli')}")
        elif column == "presisi" and number is not None:
            step = float(number.resolved(convention)[0])
            if step < 0:
                row.fail("nilai_negatif", column, step)
            row.out["precision"] = step or None
    row.out.pop("_unit_power", None)

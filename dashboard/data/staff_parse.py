"""First pass over a staff file: read every cell into its type, reporting every cell that cannot be read.

Nothing here judges whether a value is plausible (that is :mod:`dashboard.data.staff_checks`); this
pass only turns text into numbers, years, dates and catalogue codes, and refuses what must never be
read at all: formula cells, text that a spreadsheet would run as a formula (``=``, ``+``, ``-``,
``@``, tab, also behind invisible characters), Excel error values, control characters, and cells that
look like private data (NIK, phone, email, however written: :mod:`dashboard.data.staff_text`). Text is
checked and stored as :func:`~dashboard.data.staff_text.clean_text` returns it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from dashboard.data import reference
from dashboard.data.cells import (
    MONTHS,
    SCALE_WORDS,
    CellError,
    parse_date,
    parse_number,
    parse_year,
    starts_like_formula,
)
from dashboard.data.readers import ExcelError, Formula, RawTable
from dashboard.data.schema import Problem
from dashboard.data.staff_columns import REQUIRED, Header, filled_positions
from dashboard.data.staff_merged_cells import apply_merged, merged_cells
from dashboard.data.staff_messages import problem
from dashboard.data.staff_numbers import convention_of, resolve_numbers
from dashboard.data.staff_text import KINDS, MAX_TEXT, MAX_URL, clean_text, printable, private_kind

NUMERIC = {"nilai", "tahun", "presisi"}
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
    filled: set[int] = field(default_factory=set)  # header.unnamed positions holding data (staff_columns.filled_positions)


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
    if re.fullmatch(r"[0-9]+", text):
        return text
    if re.fullmatch(r"[0-9]{2}\.[0-9]{2}(\.[0-9]{2})?", text):
        table = reference.kabkota() if len(text) == 5 else reference.kecamatan()
        match = table.loc[table.kode_kemendagri == text, "kode_bps"]
        return match.iloc[0] if len(match) else text.replace(".", "")
    raise CellError("kode_wilayah_format")


def _catalogue_index(table: pd.DataFrame, columns: list[str]) -> dict[str, str]:
    """casefolded name or code -> catalogue code (earlier columns win, as the lookup order says)."""
    index: dict[str, str] = {}
    for column in reversed(columns):
        index.update({str(name).casefold(): code for name, code in zip(table[column], table["kode"], strict=True)})
    return index


def _catalogue_code(text: str, index: dict[str, str], upper: bool) -> str:
    hit = index.get(text.strip().casefold())
    if hit is not None:
        return hit
    joined = re.sub(r"[\s-]+", "_", text.strip())
    return joined.upper() if upper else joined.lower()


class _Reader:
    """Reads the cells of one column; every distinct raw value is read once (a file repeats most)."""

    def __init__(self, column: str, epoch):
        self.column, self.epoch, self.memo = column, epoch, {}
        if column == "indikator":
            self.index = _catalogue_index(reference.indicators(), ["kode", "nama"])
        elif column == "program":
            self.index = _catalogue_index(reference.programs(), ["kode", "singkatan", "nama"])

    def __call__(self, raw: object) -> tuple[tuple, tuple]:
        key = (raw.__class__, raw)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = self._read(raw)
        return found

    def _read(self, raw: object) -> tuple[tuple, tuple]:
        """((field, value) pairs, (rule, shown value, detail) failures) of one cell."""
        column = self.column
        shown = raw.text if isinstance(raw, Formula | ExcelError) else raw if isinstance(raw, str) else _text(raw)
        # A NIK typed as a number, or inside a formula, is still a NIK: checked first, never echoed.
        if kind := private_kind(shown, url=column == "url_sumber"):
            return (), (("data_pribadi_dalam_sel", None, f"tampak seperti {KINDS[kind]}"),)
        if isinstance(raw, Formula):
            return (), (("rumus_excel", printable(raw.text)[:100], None),)
        if isinstance(raw, ExcelError):
            return (), (("galat_excel", raw.text, None),)
        if isinstance(raw, str):
            if column == "nilai" and raw.strip() == "-":
                return (), (("nilai_strip", raw, None),)
            # A leading minus in a number column is a (refused) negative number or unreadable text.
            if starts_like_formula(raw) and not (column in NUMERIC and raw.lstrip().startswith("-")):
                return (), (("injeksi_rumus", printable(raw)[:100], None),)
            try:
                text = clean_text(raw, MAX_URL if column == "url_sumber" else MAX_TEXT)
            except CellError as err:
                return (), ((err.rule, None, err.detail),)
            value: object = text
        else:
            text, value = _text(raw), raw
        if text == "" and column in _REQUIRED_CELLS:
            return (), (("wajib_diisi", None, None),)
        try:
            return self._parse(text, value), ()
        except CellError as err:
            return (), ((err.rule, text, err.detail),)

    def _parse(self, text: str, raw: object) -> tuple:
        column = self.column
        if column == "indikator":
            return (("indicator", _catalogue_code(text, self.index, False)),)
        if column == "program":
            return (("program", text and _catalogue_code(text, self.index, True)),)
        if column == "kode_wilayah":
            return (("kode_wilayah", parse_region(raw)),)
        if column == "tahun":
            return (("year", parse_year(raw)),)
        if column == "periode":
            return (("period", parse_period(text)),)
        if column == "nilai":
            return ("nilai_asli", text), ("_number", parse_number(raw)), ("_number_text", text)
        if column == "presisi":
            return (("_precision", parse_number(raw) if text else None),)
        if column == "satuan":
            unit, power = parse_unit(text)
            return ("unit", unit), ("_unit_power", power), ("unit_asli", text)
        if column == "tanggal_sumber":
            return (("source_date", parse_date(raw, self.epoch)),)
        return ((_TEXT_FIELDS[column], text),)


_TEXT_FIELDS = {"sumber": "source_title", "url_sumber": "source_url", "kutipan": "quote", "catatan": "note",
                "nama_wilayah": "nama_wilayah"}
_REQUIRED_CELLS = ("indikator", "kode_wilayah", "tahun", "nilai", "satuan", "sumber", "tanggal_sumber")


def _blank(cells: list, columns: dict[int, str]) -> bool:
    return all(cells[p] is None or (isinstance(cells[p], str) and not cells[p].strip())
               for p in columns if p < len(cells))


CHUNK = 10_000  # rows taken from the reader at a time


def parse_rows(table: RawTable, header: Header, progress: Callable[[int, int], None] | None = None,
               release_cells: bool = False) -> Parsed:
    """Parse every data row under ``header``; blank rows (trailing or between blocks) are skipped.

    The rows are taken :data:`CHUNK` at a time from ``table.rows`` and then from ``table.rest`` (a
    table still being read, :func:`~dashboard.data.readers.open_table`), so that only one chunk of
    raw cells is in memory; each chunk is read column by column, each distinct raw value of a column
    once in the whole file. Merged ranges (listed at the end of an XLSX sheet) are applied once all
    rows are read: their cells are reported once, as merged. ``progress(done, total)`` counts the
    steps after the reading (``table.rest`` reports its own). ``release_cells`` drops the data rows
    kept in ``table.rows`` once read.
    """
    missing = frozenset(set(REQUIRED) - set(header.columns.values()))  # optional columns default to empty
    first = table.rows[header.data_from][0] if header.data_from < len(table.rows) else 0
    readers = [(position, column, _Reader(column, table.epoch)) for position, column in sorted(header.columns.items())]
    source = itertools.chain(table.rows[header.data_from:], table.rest or ())
    found: list[tuple[int, int, Problem]] = []
    out: dict[str, list] = {}
    numbers: list[int] = []
    failed: list[set[str] | None] = []
    filled: set[int] = set()
    while chunk := list(itertools.islice(source, CHUNK)):
        filled |= filled_positions(chunk, header.unnamed, len(header.names))
        data = [(n, cells) for n, cells in chunk if not _blank(cells, header.columns)]
        del chunk
        offset = len(numbers)
        numbers += [n for n, _ in data]
        failed += [None] * len(data)
        for lst in out.values():
            lst += [None] * len(data)
        for position, column, read in readers:
            for i, (number, cells) in enumerate(data, start=offset):
                fields, errors = read(cells[position] if position < len(cells) else None)
                for rule, value, detail in errors:
                    found.append((i, position, problem(rule, table.name, number, column, value, detail)))
                    failed[i] = (failed[i] or set()) | {column}
                for name, value in fields:
                    if name not in out:
                        out[name] = [None] * len(numbers)
                    out[name][i] = value
        del data
    table.rest = None
    if release_cells:
        del table.rows[header.data_from:]
    if progress:
        progress(0, 2)
    covered, problems = merged_cells(table, header, first)
    if covered:
        found = apply_merged(covered, readers, numbers, failed, out, found)
    resolved = resolve_numbers(out, convention_of(out), failed, numbers, table.name)
    problems += [p for _, _, p in sorted(found, key=lambda t: (t[0], t[1]))] + resolved
    if progress:
        progress(1, 2)
    frame = _frame(out, numbers)
    shared: dict[frozenset, frozenset] = {}
    frame["_failed"] = [shared.setdefault(k, k) for k in (missing | (f or set()) for f in failed)]
    if progress:
        progress(2, 2)
    return Parsed(frame, problems, filled)


def _frame(out: dict[str, list], numbers: list[int]) -> pd.DataFrame:
    """The typed table, column by column, each list let go once its column is made."""
    columns = {}
    for column in OUTPUT:
        values = out.pop(column, None) or [None] * len(numbers)
        if column in ("year", "value", "precision"):
            columns[column] = pd.Series(values, index=numbers)
        else:  # empty cells become "" in the list: a fillna on the column would copy it
            columns[column] = pd.Series(["" if v is None else v for v in values], index=numbers, dtype="str")
        del values
    frame = pd.DataFrame(columns)
    frame["value"] = pd.to_numeric(frame["value"]).astype(float)
    frame["precision"] = pd.to_numeric(frame["precision"]).astype(float)
    return frame

"""Safe reading of the CSV and XLSX files staff send, into rows numbered as the spreadsheet shows them.

Nothing is trusted before it is checked, cheapest check first: the size on disk (limit
:data:`MAX_BYTES`), the real type from the first bytes (an ``.xls`` or a renamed ``.docx`` is
refused), and for XLSX the zip directory and every XML part (:mod:`dashboard.data.staff_xlsx`: a zip
bomb, or a DOCTYPE/ENTITY declaration in any encoding, is refused before anything is read).

CSV: encoding from the BOM (UTF-8, UTF-16), else UTF-8, else Windows-1252; the delimiter (``;``,
``,`` or tab) is the one under which some early line best looks like the header (the caller's
``score``). Equal cell texts of a column share one string object (a 100,000-row file repeats most
of them). XLSX: formula cells stay visible as :class:`Formula` and can be refused; hidden sheets are
skipped unless named; a percent-formatted number is read as shown.

``progress(done, total)`` is called while reading (bytes of the CSV or of the sheet's XML).
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dashboard.data import staff_sheet, staff_xlsx
from dashboard.data.cells import EXCEL_EPOCH
from dashboard.data.schema import Problem
from dashboard.data.staff_messages import MAX_MB, problem
from dashboard.data.staff_text import printable

Progress = Callable[[int, int], None]
MAX_BYTES = MAX_MB * 1024 * 1024
MAX_ROWS = 100_000
SCAN_ROWS = 30  # rows searched for the header
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
DELIMITERS = (";", ",", "\t")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@dataclass(frozen=True)
class Formula:
    """An XLSX cell holding a formula (its text, starting with ``=``)."""

    text: str


@dataclass(frozen=True)
class ExcelError:
    """An XLSX cell holding an error value such as ``#DIV/0!``."""

    text: str


@dataclass
class RawTable:
    """Cells of one sheet (or CSV) with spreadsheet row numbers (1 = first line of the file)."""

    name: str
    kind: str  # "csv" or "xlsx"
    rows: list[tuple[int, list[object]]]
    sheet: str | None = None
    other_sheets: list[str] = field(default_factory=list)  # visible sheets not read
    hidden_sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    epoch: date = EXCEL_EPOCH
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (min_col, min_row, max_col, max_row)


class UnreadableFile(Exception):
    """The file is refused as a whole; ``problems`` say why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message() for p in problems))
        self.problems = problems


def _refuse(rule: str, name: str, detail: str | None = None) -> UnreadableFile:
    return UnreadableFile([problem(rule, name, detail=detail)])


def read_table(path: Path | str, sheet: str | None = None, score: Callable[[list], int] = lambda _: 0,
               max_bytes: int = MAX_BYTES, progress: Progress | None = None) -> RawTable:
    """Read a staff file after the safety checks; raise :class:`UnreadableFile` when it is refused.

    Parameters
    ----------
    path : file to read.
    sheet : XLSX sheet to read, hidden or not; by default the visible sheet that best looks like data.
    score : how much a row looks like the header row (used to choose delimiter and sheet).
    max_bytes : size limit on disk.
    progress : called as ``progress(done, total)`` while reading.
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise _refuse("berkas_tidak_ada", name)
    size = path.stat().st_size
    if size > max_bytes:
        raise _refuse("berkas_terlalu_besar", name, f"{size / 1024 / 1024:.1f} MB")
    if size == 0:
        raise _refuse("berkas_kosong", name)
    with open(path, "rb") as fh:
        head = fh.read(8)
    suffix = path.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _refuse("jenis_berkas", name, "format Excel lama (.xls); simpan sebagai .xlsx")
    if suffix == ".xlsx":
        if not head.startswith(b"PK\x03\x04"):
            raise _refuse("xlsx_rusak", name)
        return _read_xlsx(path, sheet, score, progress)
    if suffix in TEXT_SUFFIXES:
        if head.startswith(b"PK\x03\x04"):
            raise _refuse("jenis_berkas", name, "isinya berkas zip/XLSX, bukan teks CSV")
        return _read_csv(path, score, progress)
    raise _refuse("jenis_berkas", name, f"akhiran '{path.suffix or '(tanpa akhiran)'}'")


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]  # Excel's "Unicode Text" export
    elif data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    else:
        candidates = ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            raise _refuse("jenis_berkas", name, "berisi data biner, bukan teks CSV")
        return text, encoding
    raise _refuse("pengodean", name)


def _records(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _read_csv(path: Path, score: Callable[[list], int], progress: Progress | None) -> RawTable:
    name = path.name
    data = path.read_bytes()
    if progress:
        progress(0, len(data))
    text, encoding = _decode(data, name)
    del data
    if not text.strip():
        raise _refuse("berkas_kosong", name)
    head = "".join(m[0] for m in itertools.islice(_LINE.finditer(text), SCAN_ROWS))

    def fit(delimiter: str) -> tuple[int, int]:
        try:
            rows = _records(head, delimiter)
        except csv.Error:
            return (-1, 0)
        return (max((score(r) for r in rows), default=0), max((len(r) for r in rows), default=0))

    delimiter = max(DELIMITERS, key=fit)  # ties keep the order of DELIMITERS
    # Lines as io.StringIO(newline="") splits them, without its copy of the text at 4 bytes a character.
    lines = _LINE.finditer(text)
    position = [0]

    def each_line():
        for match in lines:
            position[0] = match.end()
            yield match[0]

    shared: dict[str, str] = {}  # equal texts share one object: most cells of a column repeat
    rows: list[tuple[int, list[object]]] = []
    try:
        for number, cells in enumerate(csv.reader(each_line(), delimiter=delimiter), start=1):
            if number > MAX_ROWS:
                raise _refuse("terlalu_banyak_baris", name)
            rows.append((number, [shared.setdefault(c, c) for c in cells]))
            if progress and number % 10_000 == 0:
                progress(position[0], len(text))
    except csv.Error as exc:
        raise _refuse("csv_rusak", name, str(exc)) from exc
    if progress:
        progress(len(text), len(text))
    return RawTable(name, "csv", rows, encoding=encoding, delimiter=delimiter)


def _read_xlsx(path: Path, sheet: str | None, score: Callable[[list], int], progress: Progress | None) -> RawTable:
    name = path.name
    try:
        staff_xlsx.check_package(path)
        wb = staff_xlsx.load_workbook(path)
    except staff_xlsx.Refused as refused:
        raise UnreadableFile([refused.problem(name)]) from refused
    try:
        states = {title: state for title, (state, _) in wb.sheets.items()}
        hidden = [t for t, s in states.items() if s != "visible"]
        visible = [t for t, s in states.items() if s == "visible"]
        if sheet is not None:
            if sheet not in states:
                listed = ", ".join(repr(printable(t)) for t in states)
                raise _refuse("lembar_tidak_ada", name, f"{printable(sheet)!r}; lembar yang ada: {listed}")
            chosen = sheet
        elif not visible:
            raise _refuse("tidak_ada_lembar", name)
        else:
            def fit(title: str) -> int:
                rows, _ = staff_sheet.sheet_rows(wb, title, MAX_ROWS, SCAN_ROWS)
                return max((score(cells) for _, cells in rows), default=0)

            chosen = max(visible, key=fit)  # ties keep the first visible sheet
        report = (lambda done, total: progress(done, total)) if progress else None
        rows, merged = staff_sheet.sheet_rows(wb, chosen, MAX_ROWS, report=report)
        epoch = wb.epoch.date()
    except UnreadableFile:
        raise
    except staff_xlsx.Refused as refused:
        raise UnreadableFile([refused.problem(name)]) from refused
    except Exception as exc:  # a damaged part surfaces only while iterating
        raise _refuse("xlsx_rusak", name, type(exc).__name__) from exc
    finally:
        wb.close()
    return RawTable(name, "xlsx", rows, sheet=chosen, other_sheets=[t for t in visible if t != chosen],
                    hidden_sheets=[t for t in hidden if t != chosen], epoch=epoch, merged=merged)

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

import codecs
import csv
import io
import itertools
from collections.abc import Callable, Iterator
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
HEAD_ROWS = SCAN_ROWS + 2  # rows open_table reads first: the header search and the row under the header
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
DELIMITERS = (";", ",", "\t")


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
    #: Rows after ``rows`` not read yet (:func:`open_table`): an iterator to be read once, to its end;
    #: it raises :class:`UnreadableFile` when the rest of the file is refused. None when all is read.
    rest: Iterator[tuple[int, list[object]]] | None = field(default=None, repr=False, compare=False)


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
    table = open_table(path, sheet, score, max_bytes, progress, head=None)
    table.rows += list(table.rest)
    table.rest = None
    return table


def open_table(path: Path | str, sheet: str | None = None, score: Callable[[list], int] = lambda _: 0,
               max_bytes: int = MAX_BYTES, progress: Progress | None = None, head: int | None = HEAD_ROWS) -> RawTable:
    """:func:`read_table` that reads only the first ``head`` rows; ``rest`` yields the others.

    A 100,000-row file then never has all its cells in memory at once: the caller reads the rest
    row by row (the safety checks of the whole file have run; damage found further on is raised
    while reading the rest). ``head=None``: equal texts share one object, as kept rows repeat them.
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
        magic = fh.read(8)
    suffix = path.suffix.lower()
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise _refuse("jenis_berkas", name, "format Excel lama (.xls); simpan sebagai .xlsx")
    if suffix == ".xlsx":
        if not magic.startswith(b"PK\x03\x04"):
            raise _refuse("xlsx_rusak", name)
        return _read_xlsx(path, sheet, score, progress, head)
    if suffix in TEXT_SUFFIXES:
        if magic.startswith(b"PK\x03\x04"):
            raise _refuse("jenis_berkas", name, "isinya berkas zip/XLSX, bukan teks CSV")
        return _read_csv(path, score, progress, head)
    raise _refuse("jenis_berkas", name, f"akhiran '{path.suffix or '(tanpa akhiran)'}'")


def _encoding(path: Path, name: str) -> str:
    """The encoding of a CSV, from its BOM, else UTF-8, else Windows-1252; every byte is decoded once
    (in blocks, nothing kept) so that a later line cannot fail or hold binary data."""
    with open(path, "rb") as fh:
        start = fh.read(3)
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]  # Excel's "Unicode Text" export
    elif start.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    else:
        candidates = ["utf-8", "cp1252"]
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)()
        blank = True
        try:
            with open(path, "rb") as fh:
                while True:
                    block = fh.read(1 << 20)
                    text = decoder.decode(block, final=not block)
                    if "\x00" in text:
                        raise _refuse("jenis_berkas", name, "berisi data biner, bukan teks CSV")
                    blank = blank and not text.strip()
                    if not block:
                        break
        except UnicodeDecodeError:
            continue
        if blank:
            raise _refuse("berkas_kosong", name)
        return encoding
    raise _refuse("pengodean", name)


def _read_csv(path: Path, score: Callable[[list], int], progress: Progress | None, head: int | None) -> RawTable:
    name = path.name
    size = path.stat().st_size
    if progress:
        progress(0, size)
    encoding = _encoding(path, name)
    # Lines as io.StringIO(newline="") splits them (\r\n, \r or \n): a quoted line break stays in its record.
    with open(path, encoding=encoding, newline="") as fh:
        start = "".join(itertools.islice(fh, SCAN_ROWS))

    def fit(delimiter: str) -> tuple[int, int]:
        try:
            rows = list(csv.reader(io.StringIO(start, newline=""), delimiter=delimiter))
        except csv.Error:
            return (-1, 0)
        return (max((score(r) for r in rows), default=0), max((len(r) for r in rows), default=0))

    delimiter = max(DELIMITERS, key=fit)  # ties keep the order of DELIMITERS
    rest = _csv_rows(path, encoding, delimiter, name, progress, shared=head is None)
    rows = list(itertools.islice(rest, head)) if head is not None else []
    return RawTable(name, "csv", rows, encoding=encoding, delimiter=delimiter, rest=rest)


def _csv_rows(path: Path, encoding: str, delimiter: str, name: str, progress: Progress | None,
              shared: bool) -> Iterator[tuple[int, list[object]]]:
    size = path.stat().st_size
    texts: dict[str, str] = {}  # equal texts share one object when the rows are kept
    with open(path, "rb") as raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as text:
        try:
            for number, cells in enumerate(csv.reader(text, delimiter=delimiter), start=1):
                if number > MAX_ROWS:
                    raise _refuse("terlalu_banyak_baris", name)
                yield number, [texts.setdefault(c, c) for c in cells] if shared else cells
                if progress and number % 10_000 == 0:
                    progress(min(raw.tell(), size), size)
        except csv.Error as exc:
            raise _refuse("csv_rusak", name, str(exc)) from exc
    if progress:
        progress(size, size)


def _read_xlsx(path: Path, sheet: str | None, score: Callable[[list], int], progress: Progress | None,
               head: int | None) -> RawTable:
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
        epoch = wb.epoch.date()
    except UnreadableFile:
        wb.close()
        raise
    except staff_xlsx.Refused as refused:
        wb.close()
        raise UnreadableFile([refused.problem(name)]) from refused
    except Exception as exc:  # a damaged part surfaces only while iterating
        wb.close()
        raise _refuse("xlsx_rusak", name, type(exc).__name__) from exc
    merged: list[tuple[int, int, int, int]] = []  # filled when the rest has been read
    rest = _xlsx_rows(wb, chosen, name, progress, merged)  # closes the workbook at its end
    rows = list(itertools.islice(rest, head)) if head is not None else []
    return RawTable(name, "xlsx", rows, sheet=chosen, other_sheets=[t for t in visible if t != chosen],
                    hidden_sheets=[t for t in hidden if t != chosen], epoch=epoch, merged=merged, rest=rest)


def _xlsx_rows(wb: staff_xlsx.Book, title: str, name: str, progress: Progress | None,
               merged: list) -> Iterator[tuple[int, list[object]]]:
    try:
        yield from staff_sheet.iter_rows(wb, title, MAX_ROWS, progress, merged)
    except UnreadableFile:
        raise
    except staff_xlsx.Refused as refused:
        raise UnreadableFile([refused.problem(name)]) from refused
    except Exception as exc:  # a damaged part surfaces only while iterating
        raise _refuse("xlsx_rusak", name, type(exc).__name__) from exc
    finally:
        wb.close()

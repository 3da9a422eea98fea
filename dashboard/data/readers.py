"""Safe reading of the CSV and XLSX files staff send, into rows numbered as the spreadsheet shows them.

Nothing is trusted before it is checked, cheapest check first: the size on disk (limit
:data:`MAX_BYTES`), the real type from the first bytes (an ``.xls`` or a renamed ``.docx`` is
refused), and for XLSX the zip directory (total uncompressed size and compression ratio, so a zip bomb
is refused before openpyxl inflates anything; Python's zipfile never inflates past the declared size)
and the XML parts (a DOCTYPE or ENTITY declaration, which Excel never writes, is refused).

CSV: encoding from the BOM (UTF-8, UTF-16), else UTF-8, else Windows-1252; the delimiter (``;``,
``,`` or tab) is the one under which some early line best looks like the header (the caller's
``score``). XLSX: openpyxl in read-only mode with ``data_only=False``, so formula cells stay visible
as :class:`Formula` and can be refused; hidden sheets are skipped unless named.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dashboard.data.cells import EXCEL_EPOCH
from dashboard.data.schema import Problem
from dashboard.data.staff_messages import MAX_MB, problem

MAX_BYTES = MAX_MB * 1024 * 1024
MAX_UNZIPPED = 100 * 1024 * 1024  # sum of the declared sizes of all parts of an XLSX
MAX_RATIO = 100  # uncompressed/compressed, for any part larger than RATIO_FLOOR
RATIO_FLOOR = 5 * 1024 * 1024
MAX_PARTS = 5_000
MAX_ROWS = 100_000
SCAN_ROWS = 30  # rows searched for the header
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


class UnreadableFile(Exception):
    """The file is refused as a whole; ``problems`` say why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message() for p in problems))
        self.problems = problems


def _refuse(rule: str, name: str, detail: str | None = None) -> UnreadableFile:
    return UnreadableFile([problem(rule, name, detail=detail)])


def read_table(path: Path | str, sheet: str | None = None, score: Callable[[list], int] = lambda _: 0,
               max_bytes: int = MAX_BYTES) -> RawTable:
    """Read a staff file after the safety checks; raise :class:`UnreadableFile` when it is refused.

    Parameters
    ----------
    path : file to read.
    sheet : XLSX sheet to read, hidden or not; by default the visible sheet that best looks like data.
    score : how much a row looks like the header row (used to choose delimiter and sheet).
    max_bytes : size limit on disk.
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
        return _read_xlsx(path, sheet, score)
    if suffix in TEXT_SUFFIXES:
        if head.startswith(b"PK\x03\x04"):
            raise _refuse("jenis_berkas", name, "isinya berkas zip/XLSX, bukan teks CSV")
        return _read_csv(path, score)
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


def _read_csv(path: Path, score: Callable[[list], int]) -> RawTable:
    name = path.name
    text, encoding = _decode(path.read_bytes(), name)
    if not text.strip():
        raise _refuse("berkas_kosong", name)
    head = "\n".join(text.splitlines()[:SCAN_ROWS])

    def fit(delimiter: str) -> tuple[int, int]:
        try:
            rows = _records(head, delimiter)
        except csv.Error:
            return (-1, 0)
        return (max((score(r) for r in rows), default=0), max((len(r) for r in rows), default=0))

    delimiter = max(DELIMITERS, key=fit)  # ties keep the order of DELIMITERS
    try:
        records = _records(text, delimiter)
    except csv.Error as exc:
        raise _refuse("csv_rusak", name, str(exc)) from exc
    if len(records) > MAX_ROWS:
        raise _refuse("terlalu_banyak_baris", name)
    rows = [(number, list(cells)) for number, cells in enumerate(records, start=1)]
    return RawTable(name, "csv", rows, encoding=encoding, delimiter=delimiter)


def _check_zip(path: Path) -> None:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS:
                raise _refuse("bom_zip", name, f"{len(parts)} bagian")
            total = sum(p.file_size for p in parts)
            if total > MAX_UNZIPPED:
                raise _refuse("bom_zip", name, f"{total / 1024 / 1024:.0f} MB bila diurai")
            for part in parts:
                if part.file_size > RATIO_FLOOR and part.file_size > MAX_RATIO * max(part.compress_size, 1):
                    ratio = part.file_size / max(part.compress_size, 1)
                    raise _refuse("bom_zip", name, f"bagian {part.filename} rasio {ratio:.0f}:1")
            if "xl/workbook.xml" not in archive.namelist():
                raise _refuse("xlsx_rusak", name, "tidak ada xl/workbook.xml")
            for part in parts:
                if part.filename.endswith((".xml", ".rels", ".vml")) and _declares_entities(archive, part):
                    raise _refuse("xml_berbahaya", name, part.filename)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError) as exc:
        raise _refuse("xlsx_rusak", name, type(exc).__name__) from exc


def _declares_entities(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    tail = b""
    with archive.open(part) as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            chunk = tail + block
            if b"<!DOCTYPE" in chunk or b"<!ENTITY" in chunk:
                return True
            tail = chunk[-16:]
    return False


def _load_workbook(path: Path):
    import openpyxl  # noqa: PLC0415 (only the XLSX path needs it)

    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it does not read (data validation, slicers).
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise _refuse("xlsx_rusak", path.name, type(exc).__name__) from exc


def _sheet_rows(ws, name: str, limit: int | None = None) -> list[tuple[int, list[object]]]:
    """Rows of a read-only sheet; the recorded dimension is ignored because exporters get it wrong."""
    ws.reset_dimensions()
    rows: list[tuple[int, list[object]]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for number, row in enumerate(ws.iter_rows(), start=1):
            if limit is not None and number > limit:
                break
            if number > MAX_ROWS:
                raise _refuse("terlalu_banyak_baris", name)
            cells: list[object] = []
            for cell in row:
                column = getattr(cell, "column", None)
                if column is None or cell.value is None:
                    continue
                cells.extend([None] * (column - len(cells)))
                value = cell.value
                if cell.data_type == "f":
                    value = Formula(str(value))
                elif cell.data_type == "e":
                    value = ExcelError(str(value))
                cells[column - 1] = value
            rows.append((number, cells))
    return rows


def _read_xlsx(path: Path, sheet: str | None, score: Callable[[list], int]) -> RawTable:
    name = path.name
    _check_zip(path)
    wb = _load_workbook(path)
    try:
        states = {ws.title: ws.sheet_state for ws in wb.worksheets}
        hidden = [t for t, s in states.items() if s != "visible"]
        visible = [t for t, s in states.items() if s == "visible"]
        if sheet is not None:
            if sheet not in states:
                raise _refuse("lembar_tidak_ada", name, f"'{sheet}'; lembar yang ada: {', '.join(states)}")
            chosen = sheet
        elif not visible:
            raise _refuse("tidak_ada_lembar", name)
        else:
            def fit(title: str) -> int:
                return max((score(cells) for _, cells in _sheet_rows(wb[title], name, SCAN_ROWS)), default=0)

            chosen = max(visible, key=fit)  # ties keep the first visible sheet
        rows = _sheet_rows(wb[chosen], name)
        epoch = wb.epoch.date()
    except UnreadableFile:
        raise
    except Exception as exc:  # a damaged part surfaces only while iterating
        raise _refuse("xlsx_rusak", name, type(exc).__name__) from exc
    finally:
        wb.close()
    return RawTable(name, "xlsx", rows, sheet=chosen, other_sheets=[t for t in visible if t != chosen],
                    hidden_sheets=[t for t in hidden if t != chosen], epoch=epoch)

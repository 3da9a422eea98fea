"""Safe, fast reading of an XLSX workbook that staff send.

Before anything is inflated for reading, :func:`check_package` judges the zip directory (total
declared size and compression ratio: a zip bomb is refused before any part is read) and parses the
prolog of every XML part (each ``.xml``, ``.rels`` and ``.vml`` part, and any other part that is
XML) with defusedxml's parser, which refuses a DOCTYPE, an entity declaration or an external
reference, in whatever encoding expat reads the part (UTF-8, UTF-16 LE/BE with or without BOM, ...).
A DTD may only stand before the root element, so the prolog is all that needs parsing; a DOCTYPE
later in a part is not well-formed and fails the real parse. openpyxl itself also reads through
defusedxml once it is installed (second line of defence).

openpyxl (read-only mode) reads the workbook structure: sheet names, visibility, the shared strings,
the number formats and the 1900/1904 date system. The rows of the chosen sheet are then streamed from
its XML part with ElementTree's C parser, about four times faster than openpyxl's own cell objects,
keeping what the checks need: a formula cell stays a :class:`Formula` (whatever value Excel cached),
an error value an :class:`ExcelError`, a date-formatted number a ``datetime``, a percent-formatted
number a :class:`~dashboard.data.cells.Percent` (read as shown), and merged ranges are listed.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.etree.ElementTree import iterparse
from xml.sax.handler import ContentHandler

from dashboard.data.cells import Percent
from dashboard.data.staff_messages import problem
from dashboard.data.staff_text import printable

MAX_UNZIPPED = 100 * 1024 * 1024  # sum of the declared sizes of all parts of an XLSX
MAX_RATIO = 100  # uncompressed/compressed, for any part larger than RATIO_FLOOR
RATIO_FLOOR = 5 * 1024 * 1024
MAX_PARTS = 5_000
MAX_COLUMN = 16_384  # XFD, the last column Excel has
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_PERCENT = re.compile(r"(?<!\\)%")


class Refused(Exception):
    """The workbook is refused: ``rule`` and ``detail`` for :func:`staff_messages.problem`."""

    def __init__(self, rule: str, detail: str | None = None):
        super().__init__(rule)
        self.rule, self.detail = rule, detail

    def problem(self, name: str):
        return problem(self.rule, name, detail=self.detail)


class _RootReached(Exception):
    pass


class _Prolog(ContentHandler):
    def startElement(self, name, attrs):  # noqa: N802 (SAX API)
        raise _RootReached


def _prolog_problem(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> str | None:
    """``"dtd"`` when the part declares a DTD or entity, ``"rusak"`` when it is not XML, else None."""
    from defusedxml import DefusedXmlException  # noqa: PLC0415
    from defusedxml.expatreader import create_parser  # noqa: PLC0415

    parser = create_parser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setContentHandler(_Prolog())
    try:
        with archive.open(part) as fh:
            for block in iter(lambda: fh.read(1 << 16), b""):
                parser.feed(block)
            parser.close()
    except _RootReached:
        return None
    except DefusedXmlException:
        return "dtd"
    except Exception:  # noqa: BLE001 (not XML, or damaged: expat raises SAXParseException and others)
        return "rusak"
    return "rusak"  # no root element


def check_package(path: Path) -> None:
    """Refuse a zip bomb, a package with a DTD or entity in any XML part, or a zip that is no workbook."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS:
                raise Refused("bom_zip", f"{len(parts)} bagian")
            total = sum(p.file_size for p in parts)
            if total > MAX_UNZIPPED:
                raise Refused("bom_zip", f"{total / 1024 / 1024:.0f} MB bila diurai")
            for part in parts:
                if part.file_size > RATIO_FLOOR and part.file_size > MAX_RATIO * max(part.compress_size, 1):
                    ratio = part.file_size / max(part.compress_size, 1)
                    raise Refused("bom_zip", f"bagian {part.filename} rasio {ratio:.0f}:1")
            if "xl/workbook.xml" not in archive.namelist():
                raise Refused("xlsx_rusak", "tidak ada xl/workbook.xml")
            for part in parts:
                if part.is_dir():
                    continue
                found = _prolog_problem(archive, part)
                if found == "dtd":
                    raise Refused("xml_berbahaya", printable(part.filename))
                if found == "rusak" and part.filename.lower().endswith(_XML_SUFFIXES):
                    raise Refused("xlsx_rusak", f"bagian {printable(part.filename)} bukan XML yang sah")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError) as exc:
        raise Refused("xlsx_rusak", type(exc).__name__) from exc


@dataclass
class Book:
    """What reading the rows needs of a workbook: its sheets, shared strings, number formats, epoch."""

    archive: zipfile.ZipFile
    sheets: dict[str, tuple[str, str]]  # title -> (state, part name), in workbook order
    strings: list[str]
    dates: set[int]  # style ids of date formats
    spans: set[int]  # ... of time-span formats
    percents: set[int]  # ... of percentage formats
    epoch: datetime

    def close(self) -> None:
        self.archive.close()


def load_workbook(path: Path) -> Book:
    """Workbook structure through openpyxl's reader, without its worksheet objects (which parse a
    whole sheet to find its size when the sheet does not state it); ``Refused`` when damaged."""
    from openpyxl.reader.excel import ExcelReader  # noqa: PLC0415 (only the XLSX path needs it)
    from openpyxl.styles.stylesheet import apply_stylesheet  # noqa: PLC0415

    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it does not read (data validation, slicers).
            warnings.simplefilter("ignore")
            reader = ExcelReader(path, read_only=True, keep_vba=False, data_only=False, keep_links=False)
            reader.read_manifest()
            reader.read_strings()
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
            sheets = {sheet.name: (sheet.state or "visible", rel.target) for sheet, rel in reader.parser.find_sheets()
                      if rel.target in reader.valid_files and "chartsheet" not in rel.Type}
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise Refused("xlsx_rusak", type(exc).__name__) from exc
    dates, spans, percents = _style_kinds(reader.wb)
    return Book(reader.archive, sheets, list(reader.shared_strings), dates, spans, percents, reader.wb.epoch)


def _style_kinds(wb) -> tuple[set[int], set[int], set[int]]:
    """Style ids of date, time-span and percentage number formats."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, STRIP_RE, is_date_format, is_timedelta_format  # noqa: PLC0415

    dates, spans, percents = set(), set(), set()
    for sid, style in enumerate(wb._cell_styles):  # noqa: SLF001 (openpyxl keeps no public list)
        fid = style.numFmtId
        code = BUILTIN_FORMATS.get(fid) if fid < 164 else wb._number_formats[fid - 164]  # noqa: SLF001
        if is_date_format(code):
            dates.add(sid)
            if is_timedelta_format(code):
                spans.add(sid)
        elif code and _PERCENT.search(STRIP_RE.sub("", code.split(";")[0])):
            percents.add(sid)
    return dates, spans, percents


class _Counted:
    """A binary stream that counts what was read (for the progress bar)."""

    def __init__(self, raw, report: Callable[[int], None] | None):
        self.raw, self.done, self.report = raw, 0, report

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n)
        self.done += len(data)
        if self.report:
            self.report(self.done)
        return data


def _column(ref: str, cache: dict[str, int]) -> int:
    letters = ref.rstrip("0123456789")
    column = cache.get(letters)
    if column is None:
        column = 0
        for ch in letters.upper():
            if not "A" <= ch <= "Z":
                raise ValueError(f"sel {ref}")
            column = column * 26 + ord(ch) - 64
        if not 1 <= column <= MAX_COLUMN:
            raise ValueError(f"sel {ref}")
        cache[letters] = column
    return column


def sheet_rows(book: Book, title: str, max_rows: int, limit: int | None = None,
               report: Callable[[int, int], None] | None = None) -> tuple[list, list]:
    """(rows, merged ranges) of one sheet: rows as ``(row number, cells)`` from row 1, gaps filled.

    ``merged`` holds ``(min_col, min_row, max_col, max_row)`` of every merged range. ``limit`` stops
    after that many rows (choosing the sheet); more than ``max_rows`` rows raise ``Refused``.
    """
    from openpyxl.utils.cell import range_boundaries  # noqa: PLC0415
    from openpyxl.utils.datetime import from_excel, from_ISO8601  # noqa: PLC0415

    from dashboard.data.readers import ExcelError, Formula  # noqa: PLC0415 (readers imports this module)

    part = book.sheets[title][1]
    strings, dates, spans, percents, epoch = book.strings, book.dates, book.spans, book.percents, book.epoch
    info = book.archive.getinfo(part)
    rows: list[tuple[int, list[object]]] = []
    merged: list[tuple[int, int, int, int]] = []
    columns: dict[str, int] = {}
    ns = tag_row = tag_c = tag_v = tag_f = tag_is = tag_merge = tag_t = tag_r = None
    counted = _Counted(book.archive.open(part), (lambda done: report(done, info.file_size)) if report else None)
    parent = None
    with counted.raw:
        for event, el in iterparse(counted, events=("start", "end")):
            if event == "start":
                if ns is None:
                    ns = el.tag[: el.tag.index("}") + 1] if el.tag.startswith("{") else ""
                    tag_row, tag_c, tag_v, tag_f, tag_is, tag_merge, tag_t, tag_r = (
                        ns + t for t in ("row", "c", "v", "f", "is", "mergeCell", "t", "r"))
                elif el.tag == ns + "sheetData":
                    parent = el
                continue
            if el.tag == tag_row:
                r = el.get("r")
                number = int(float(r)) if r else (rows[-1][0] + 1 if rows else 1)
                if number > max_rows or number < 1:
                    raise Refused("terlalu_banyak_baris")
                if limit is not None and number > limit:
                    break
                while len(rows) < number - 1:
                    rows.append((len(rows) + 1, []))
                cells: list[object] = []
                for c in el:
                    if c.tag != tag_c:
                        continue
                    ref = c.get("r")
                    column = _column(ref, columns) if ref else len(cells) + 1
                    kind = c.get("t", "n")
                    formula = c.find(tag_f)
                    if formula is not None:
                        value = Formula("=" + (formula.text or ""))
                    elif kind == "inlineStr":
                        value = _inline(c.find(tag_is), tag_t, tag_r)
                    else:
                        text = c.findtext(tag_v)
                        if text is None or text == "":
                            continue
                        if kind == "n":
                            value = float(text) if "." in text or "E" in text or "e" in text else int(text)
                            sid = int(c.get("s") or 0)
                            if sid in dates:
                                value = from_excel(value, epoch, timedelta=sid in spans)
                            elif sid in percents:
                                value = Percent(float(value))
                        elif kind == "s":
                            value = strings[int(text)]
                        elif kind == "b":
                            value = text.strip() in ("1", "true")
                        elif kind == "e":
                            value = ExcelError(text)
                        elif kind == "d":
                            value = from_ISO8601(text)
                        else:  # "str": a formula's text result, or text
                            value = text
                    if value is None:
                        continue
                    if column > len(cells):
                        cells.extend([None] * (column - len(cells)))
                    cells[column - 1] = value
                rows.append((number, cells))
                el.clear()
                if parent is not None and len(rows) % 1000 == 0:
                    parent.clear()
            elif el.tag == tag_merge and el.get("ref"):
                merged.append(range_boundaries(el.get("ref")))
    return rows, merged


def _inline(node, tag_t: str, tag_r: str) -> str | None:
    """Text of an inline string: plain ``t`` and the ``t`` of rich-text runs (phonetic runs left out)."""
    if node is None:
        return None
    parts = []
    for child in node:
        if child.tag == tag_t:
            parts.append(child.text or "")
        elif child.tag == tag_r:
            parts.append(child.findtext(tag_t) or "")
    return "".join(parts).replace("_x005F_", "_")

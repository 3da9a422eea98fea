"""The rows of one XLSX sheet, streamed from its XML part (after :mod:`dashboard.data.staff_xlsx`
has refused DTDs in every part and read the workbook structure).

The usual sheet part (UTF-8, as Excel, LibreOffice and openpyxl write it) is cut at row ends into
blocks of about 128 KB, and each block is parsed whole by ElementTree's C parser: no Python
call per XML element, so 100,000 rows take a few seconds instead of openpyxl's fifteen. A block
that does not parse (a row end inside a CDATA section, say) refuses the file as damaged; it never
reads differently. Any other part (UTF-16, another declared encoding, no ``sheetData``) is read
with ElementTree's ``iterparse`` instead, element by element.

Cells keep what the checks need: a formula cell stays a :class:`Formula` (whatever value Excel
cached), an error value an :class:`ExcelError`, a date-formatted number a ``datetime``, a
percent-formatted number a :class:`~dashboard.data.cells.Percent` (read as shown); merged ranges are
listed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from xml.etree.ElementTree import fromstring, iterparse

from dashboard.data.cells import Percent
from dashboard.data.staff_xlsx import Book, Refused

MAX_COLUMN = 16_384  # XFD, the last column Excel has
BLOCK = 1 << 17  # each block's rows are one short-lived ElementTree (1 MB blocks: ~10 MB more peak memory)
HEAD_LIMIT = 8 << 20  # sheetData must open within this many bytes, else the part is read element by element
_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet\b[^>]*>")
_DATA = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?sheetData\b[^>]*?(/?)>")
_DECLARED = re.compile(rb"^<\?xml[^>]*encoding=[\"']([^\"']+)")
_UTF8 = b'<?xml version="1.0" encoding="UTF-8"?>'


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


def _blocks(stream: _Counted) -> Iterator[tuple[str, object]] | None:
    """``("row", element)`` then ``("merge", ref)`` items of a UTF-8 sheet part read in blocks, or
    None when the part is not of that usual form (the caller then reads it element by element)."""
    head = b""
    while True:
        block = stream.read(BLOCK)
        head += block
        found = _DATA.search(head)
        if found or not block or len(head) > HEAD_LIMIT:
            break
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    declared = _DECLARED.match(body)
    root = _ROOT.search(body, 0, found.start() - (len(head) - len(body))) if found else None
    if (not found or found.group(2) or root is None or not body.startswith(b"<") or root.group(1) != found.group(1)
            or (declared and declared.group(1).lower().replace(b"-", b"") != b"utf8")):
        return None
    prefix = found.group(1) + b":" if found.group(1) else b""
    opening = _UTF8 + root.group(0) + found.group(0)
    closing = b"</" + prefix + b"sheetData></" + prefix + b"worksheet>"
    row_end = b"</" + prefix + b"row>"

    def items() -> Iterator[tuple[str, object]]:
        pending = head[found.end():]
        while True:
            cut = pending.rfind(row_end)
            if cut >= 0:
                cut += len(row_end)
                for row in fromstring(opening + pending[:cut] + closing)[0]:
                    yield "row", row
                pending = pending[cut:]
            block = stream.read(BLOCK)
            if not block:
                break
            pending += block
        for el in fromstring(opening + pending).iter():  # the rest: </sheetData>, merged cells, ...
            if el.tag.endswith("mergeCell") and el.get("ref"):
                yield "merge", el.get("ref")

    return items()


def _elements(stream: _Counted) -> Iterator[tuple[str, object]]:
    """The same items as :func:`_blocks`, for any sheet part, element by element."""
    for _, el in iterparse(stream):
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "row":
            yield "row", el
        elif tag == "mergeCell" and el.get("ref"):
            yield "merge", el.get("ref")
        elif tag == "sheetData":
            el.clear()


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
    merged: list[tuple[int, int, int, int]] = []
    rows = []
    for number, cells in iter_rows(book, title, max_rows, report, merged):
        if limit is not None and number > limit:
            break
        rows.append((number, cells))
    return rows, merged


def iter_rows(book: Book, title: str, max_rows: int, report: Callable[[int, int], None] | None = None,
              merged: list | None = None) -> Iterator[tuple[int, list]]:
    """The rows of one sheet as :func:`sheet_rows` lists them, one at a time; the merged ranges are
    appended to ``merged`` once the sheet has been read to its end (they follow the rows)."""
    from openpyxl.utils.cell import range_boundaries

    part = book.sheets[title][1]
    total = book.archive.getinfo(part).file_size
    read = _RowReader(book)
    progress = (lambda done: report(done, total)) if report else None
    raw = book.archive.open(part)
    items = _blocks(_Counted(raw, progress))
    if items is None:  # not the usual UTF-8 part: read again, element by element
        raw.close()
        raw = book.archive.open(part)
        items = _elements(_Counted(raw, progress))
    count, previous = 0, 0  # rows given so far, number of the last one
    with raw:
        for kind, item in items:
            if kind == "merge":
                if merged is not None:
                    merged.append(range_boundaries(item))
                continue
            r = item.get("r")
            number = int(float(r)) if r else previous + 1
            if number > max_rows or number < 1:
                raise Refused("terlalu_banyak_baris")
            while count < number - 1:
                count += 1
                yield count, []
            cells = read(item)
            item.clear()
            count, previous = count + 1, number
            yield number, cells


class _RowReader:
    """Turns a ``row`` element into its list of cell values (None for gaps)."""

    def __init__(self, book: Book):
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        self.book, self.columns, self.from_excel, self.from_iso = book, {}, from_excel, from_ISO8601
        self.ns = None
        self.shared: dict[str, str] = {}  # equal inline texts share one object, as shared strings do

    def _tags(self, tag: str) -> None:
        self.ns = tag[: tag.index("}") + 1] if tag.startswith("{") else ""
        self.c, self.v, self.f, self.inline, self.t, self.r = (self.ns + t for t in ("c", "v", "f", "is", "t", "r"))

    def __call__(self, row) -> list[object]:
        from dashboard.data.readers import ExcelError, Formula

        if self.ns is None:
            self._tags(row.tag)
        book, cells = self.book, []
        for c in row:
            if c.tag != self.c:
                continue
            ref = c.get("r")
            column = _column(ref, self.columns) if ref else len(cells) + 1
            kind = c.get("t", "n")
            formula = c.find(self.f)
            if formula is not None:
                value = Formula("=" + (formula.text or ""))
            elif kind == "inlineStr":
                value = self._inline(c.find(self.inline))
                if value is not None:
                    value = self.shared.setdefault(value, value)
            else:
                text = c.findtext(self.v)
                if text is None or text == "":
                    continue
                if kind == "n":
                    value = float(text) if "." in text or "E" in text or "e" in text else int(text)
                    sid = int(c.get("s") or 0)
                    if sid in book.dates:
                        value = self.from_excel(value, book.epoch, timedelta=sid in book.spans)
                    elif sid in book.percents:
                        value = Percent(float(value))
                elif kind == "s":
                    value = book.strings[int(text)]
                elif kind == "b":
                    value = text.strip() in ("1", "true")
                elif kind == "e":
                    value = ExcelError(text)
                elif kind == "d":
                    value = self.from_iso(text)
                else:  # "str": a formula's text result, or text
                    value = text
            if value is None:
                continue
            if column > len(cells):
                cells.extend([None] * (column - len(cells)))
            cells[column - 1] = value
        return cells

    def _inline(self, node) -> str | None:
        """Text of an inline string: plain ``t`` and the ``t`` of rich-text runs (phonetic runs left out)."""
        if node is None:
            return None
        parts = []
        for child in node:
            if child.tag == self.t:
                parts.append(child.text or "")
            elif child.tag == self.r:
                parts.append(child.findtext(self.t) or "")
        return "".join(parts).replace("_x005F_", "_")

"""Safe, fast reading of an XLSX workbook that staff send.

Before anything is inflated for reading, :func:`check_package` judges the zip directory (total
declared size and compression ratio: a zip bomb is refused before any part is read) and parses the
prolog of every XML part (each ``.xml``, ``.rels`` and ``.vml`` part, and any other part that is
XML) with defusedxml's parser, which refuses a DOCTYPE, an entity declaration or an external
reference, in whatever encoding expat reads the part (UTF-8, UTF-16 LE/BE with or without BOM, ...).
A DTD may only stand before the root element, so the prolog is all that needs parsing; a DOCTYPE
later in a part is not well-formed and fails the real parse. openpyxl itself also reads through
defusedxml once it is installed (second line of defence).

openpyxl's reader steps read the workbook structure (:func:`load_workbook`): sheet names,
visibility, the shared strings, the number formats and the 1900/1904 date system. The rows are read
by :mod:`dashboard.data.staff_sheet`.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.handler import ContentHandler

from dashboard.data.staff_messages import problem
from dashboard.data.staff_text import printable

MAX_UNZIPPED = 100 * 1024 * 1024  # sum of the declared sizes of all parts of an XLSX
MAX_RATIO = 100  # uncompressed/compressed, for any part larger than RATIO_FLOOR
RATIO_FLOOR = 5 * 1024 * 1024
MAX_PARTS = 5_000
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
    def startElement(self, name, attrs):
        raise _RootReached


def _prolog_problem(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> str | None:
    """``"dtd"`` when the part declares a DTD or entity, ``"rusak"`` when it is not XML, else None."""
    from defusedxml import DefusedXmlException
    from defusedxml.expatreader import create_parser

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
    except Exception:
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
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

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
    from openpyxl.styles.numbers import BUILTIN_FORMATS, STRIP_RE, is_date_format, is_timedelta_format

    dates, spans, percents = set(), set(), set()
    for sid, style in enumerate(wb._cell_styles):
        fid = style.numFmtId
        code = BUILTIN_FORMATS.get(fid) if fid < 164 else wb._number_formats[fid - 164]
        if is_date_format(code):
            dates.add(sid)
            if is_timedelta_format(code):
                spans.add(sid)
        elif code and _PERCENT.search(STRIP_RE.sub("", code.split(";")[0])):
            percents.add(sid)
    return dates, spans, percents

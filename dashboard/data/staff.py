"""Staff updates: ``python -m dashboard.data check FILE`` and ``publish FILE`` (see docs/format_unggah.md).

The file format
---------------
A CSV (``;``, ``,`` or tab; UTF-8, UTF-8 with BOM, UTF-16 or Windows-1252) or an XLSX workbook.
Title rows above the header are allowed; the header is the row naming the columns below (case,
spaces and underscores do not matter; a header merged over two rows is read as one). One row per
figure:

==============  =========  =============================================================
column          required   content
==============  =========  =============================================================
indikator       yes        indicator code (catalogue ``data/reference/indicators.csv``)
program         yes        programme or PSKS code (``programs.csv``); empty for e.g. poverty
kode_wilayah    yes        BPS code: ``36``, ``3601``..``3674``, 7-digit kecamatan
tahun           yes        year, 1990 to next year
periode         no         empty, a month (``Maret``), ``Semester I``, ``Triwulan II``
nilai           yes        the number: ``1.234.567``, ``12,5``, ``Rp 2.500.000``, ``3,25 juta``
satuan          yes        unit (``KPM``, ``orang``, ``persen``, ``rupiah``, ``ribu jiwa``)
sumber          yes        title of the source document
url_sumber      no         http(s) address of the source
tanggal_sumber  yes        date of the source: ``5 Maret 2024``, ``05/03/2024``, ``2024-03-05``
kutipan         no         the sentence of the source that states the number
catatan         no         note shown with the figure
presisi         no         rounding step of a rounded figure (``10`` for "814,02 ribu")
nama_wilayah    no         region name, only checked against the code
no              no         row number, ignored
==============  =========  =============================================================

Any other column refuses the file; a private column (NIK, KK, telepon, alamat, tanggal lahir, email,
rekening, ...) refuses it with a message that private data must never be uploaded.

Publishing
----------
:func:`check` reads the file (:mod:`dashboard.data.readers`), parses every cell
(:mod:`dashboard.data.staff_parse`) and applies the value rules (:mod:`dashboard.data.staff_checks`),
collecting every problem. :func:`publish` writes nothing unless the check is clean; it then merges the
figures into the current release (:func:`merge`) and publishes a new release through
:func:`dashboard.data.release.publish`.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.data import release
from dashboard.data.readers import RawTable, UnreadableFile, open_table, read_table
from dashboard.data.schema import Problem
from dashboard.data.staff_checks import check_values, to_statistics
from dashboard.data.staff_columns import column_problems, find_header, header_score
from dashboard.data.staff_merge import Merge, merge, validate_merged
from dashboard.data.staff_messages import problem, report
from dashboard.data.staff_parse import parse_rows
from dashboard.data.staff_summary import describe_source, summary
from dashboard.data.staff_text import printable
from dashboard.settings import releases_dir

__all__ = ["STAGES", "CheckResult", "Progress", "check", "merge", "publish", "run"]

#: Stages reported to a progress callback, with what a member of staff reads for each.
STAGES = {"read": "Membaca berkas", "cells": "Memeriksa sel", "rules": "Memeriksa aturan",
          "merge": "Membandingkan dengan rilis"}
#: ``progress(done, total, stage)``: ``stage`` is a key of :data:`STAGES`; ``done`` grows to ``total``.
Progress = Callable[[int, int, str], None]


def _give_back() -> None:
    """Hand memory freed by a finished stage back to the system before the next one allocates.

    glibc's malloc keeps freed blocks for reuse, and pyarrow's pool (mimalloc) keeps its pages; the
    next stage's objects land elsewhere, so the peak grew stage by stage by ~20-30 MB for a
    100,000-row file. Both are asked to release what they hold free (no-op where unsupported).
    """
    global _TRIM
    if _TRIM is None:
        try:
            _TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _TRIM = False
    if _TRIM:
        _TRIM(0)
    if "pyarrow" in sys.modules:
        sys.modules["pyarrow"].default_memory_pool().release_unused()


_TRIM = None


def _stage(progress: Progress | None, stage: str) -> Callable[[int, int], None] | None:
    if progress is None:
        return None
    return lambda done, total: progress(done, total, stage)


@dataclass
class CheckResult:
    """Outcome of :func:`check`; ``rows`` are statistics rows indexed by spreadsheet row number."""

    file: str
    problems: list[Problem]
    rows: pd.DataFrame | None = None
    table: RawTable | None = None
    header_row: int | None = None
    merged: Merge | None = None
    base_id: str | None = None
    release_id: str | None = None
    notes: list[str] = field(default_factory=list)


def upload_note(table: RawTable) -> str:
    """Provenance added to every uploaded figure's note (stable, so a re-upload changes nothing)."""
    where = f", lembar '{printable(table.sheet)}'" if table.sheet else ""
    return f"Diunggah staf Dinsos dari berkas '{printable(table.name)}'{where}."


def check(path: Path | str, sheet: str | None = None,
          base: pd.DataFrame | Callable[[], pd.DataFrame] | None = None, today: date | None = None,
          progress: Progress | None = None, keep_cells: bool = False) -> CheckResult:
    """Read and check a staff file against ``base`` (the current statistics). Writes nothing.

    ``base`` may be a function: the release is then read only when the value rules need it, so a
    file refused as a whole never costs a release load. ``progress(done, total, stage)`` is called
    as the work advances (stages: :data:`STAGES`). The rows are read and parsed a chunk at a time
    (a 100,000-row file held ~55 MB of raw cells): ``result.table.rows`` keeps the rows up to the
    header, all rows with ``keep_cells``.
    """
    path = Path(path)
    reading = _stage(progress, "read")
    try:
        if keep_cells:
            table = read_table(path, sheet=sheet, score=header_score, progress=reading)
        else:
            table = open_table(path, sheet=sheet, score=header_score, progress=reading)
    except UnreadableFile as refused:
        return CheckResult(path.name, refused.problems)
    result = CheckResult(table.name, [], table=table)
    header = find_header(table)
    try:
        if header is None:
            for _ in table.rest or ():  # a file refused as a whole says so first, as when it was read whole
                pass
            result.problems.append(problem("judul_kolom_tidak_ada", table.name))
            return result
        parsed = parse_rows(table, header, progress=_stage(progress, "cells"), release_cells=not keep_cells)
    except UnreadableFile as refused:
        return CheckResult(path.name, refused.problems)
    finally:
        table.rest = None
    result.header_row = header.row
    result.problems += column_problems(table.name, header.row, list(header.names), parsed.filled)[1]
    result.problems += parsed.problems
    _give_back()
    if parsed.rows.empty:
        result.problems.append(problem("tidak_ada_data", table.name, header.row))
        return result
    rows = to_statistics(parsed.rows, upload_note(table))
    _give_back()
    if base is None:
        base = release.load_newest_good().release.statistics
    elif callable(base):
        base = base()
    result.problems += check_values(rows, parsed.rows, base, table.name, today, progress=_stage(progress, "rules"))
    result.rows = rows
    del parsed
    _give_back()
    return result


@contextlib.contextmanager
def _publish_lock(root: Path):
    """One publisher at a time (POSIX advisory lock; elsewhere the atomic CURRENT switch must do)."""
    root.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:
        yield
        return
    with open(root / ".publish.lock", "a", encoding="utf-8") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _prepare(path: Path, sheet: str | None, today: date | None, progress: Progress | None = None,
             publishing: bool = False) -> CheckResult:
    """:func:`check`, then the merge with the current release (what ``check`` prints and ``publish``
    writes). ``publishing``: also validate the whole merged table against the schema (the safety net
    against a bug; pandera is only imported for it)."""
    loaded: list[release.Served] = []

    def base() -> pd.DataFrame:
        loaded.append(release.load_newest_good())
        return loaded[0].release.statistics

    result = check(path, sheet, base, today, progress=progress)
    if result.problems and not loaded:
        return result
    served = loaded[0] if loaded else release.load_newest_good()
    result.base_id = served.release.release_id
    if served.skipped:
        result.problems.append(problem("skema", path.name, detail=(
            f"rilis {', '.join(served.skipped)} rusak; perbaiki dulu sebelum menerbitkan")))
    if result.problems:
        return result
    merging = _stage(progress, "merge")
    if merging:
        merging(0, 2)
    result.merged = merge(served.release.statistics, result.rows)
    if merging:
        merging(1, 2)
    if publishing:
        result.problems += validate_merged(result.merged.table, path.name)
    if merging:
        merging(2, 2)
    return result


def publish(path: Path | str, sheet: str | None = None, today: date | None = None,
            progress: Progress | None = None) -> CheckResult:
    """Check, and when clean merge into the current release and publish a new one.

    Nothing is written when any problem is found or when the file changes nothing.
    ``progress`` as for :func:`check` (the merge with the current release is the last stage).
    """
    path = Path(path)
    result = _prepare(path, sheet, today, progress, publishing=True)
    if result.problems or result.merged is None or not result.merged.changed:
        return result
    with _publish_lock(releases_dir()):
        if release.current_id() != result.base_id:  # someone published meanwhile: check again
            result = _prepare(path, sheet, today, progress, publishing=True)
            if result.problems or result.merged is None or not result.merged.changed:
                return result
        served = release.load_newest_good()
        note = f"Unggahan staf: {printable(result.file)} ({len(result.rows)} angka)"
        result.release_id = release.publish(result.merged.table, served.release.roster, note=note)
    return result


class _Bars:
    """One tqdm bar per stage on stderr (the report itself goes to stdout)."""

    def __init__(self):
        self.bar, self.stage = None, None

    def __call__(self, done: int, total: int, stage: str) -> None:
        from tqdm import tqdm

        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = tqdm(total=total, desc=STAGES[stage], file=sys.stderr, leave=True, mininterval=0.2,
                            unit="B" if stage == "read" else "", unit_scale=stage == "read", dynamic_ncols=True)
        self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def run(command: str, file: str, sheet: str | None = None, progress: bool | None = None) -> int:
    """CLI entry: ``check`` or ``publish``. Exit code 0 = clean, 1 = problems found, 2 = no release.

    ``progress``: progress bars on stderr; by default when stderr is a terminal.
    """
    if release.current_id() is None:
        print("Belum ada rilis data. Jalankan dulu: python -m dashboard.data init")
        return 2
    bars = _Bars() if (sys.stderr.isatty() if progress is None else progress) else None
    try:
        result = publish(file, sheet, progress=bars) if command == "publish" else _prepare(Path(file), sheet, None, bars)
    except release.ReleaseError as exc:
        print(f"Rilis data tidak dapat dibaca: {exc}")
        return 2
    finally:
        if bars:
            bars.close()
    if result.table is not None:
        print(describe_source(result.table, result.header_row))
    if result.problems:
        print(report(result.problems))
        return 1
    print(summary(result, published=command == "publish"))
    return 0

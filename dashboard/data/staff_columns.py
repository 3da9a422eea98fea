"""Columns of the staff upload format, and finding the header row under the title rows.

Header names are matched ignoring case, spaces, underscores, dots, hyphens and a bracketed remark
(``Kode Wilayah (BPS)`` = ``kode_wilayah`` = ``KODEWILAYAH``). A header may span two rows (a merged
group label such as "Sumber" above ``sumber | url_sumber | tanggal_sumber``); the two rows are read
together. A column whose name says it holds private data (NIK, KK, telepon, alamat, tanggal lahir,
email, rekening, ...) refuses the whole file: such data never belongs in a public statistics file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.data.readers import SCAN_ROWS, RawTable
from dashboard.data.schema import ROSTER_PRIVATE_COLUMNS, Problem
from dashboard.data.staff_messages import problem
from dashboard.data.staff_text import private_kind

#: Columns of the format: name -> (field of the statistics table or None, required column).
COLUMNS: dict[str, tuple[str | None, bool]] = {
    "indikator": ("indicator", True),
    "program": ("program", True),
    "kode_wilayah": ("kode_wilayah", True),
    "tahun": ("year", True),
    "periode": ("period", False),
    "nilai": ("value", True),
    "satuan": ("unit", True),
    "sumber": ("source_title", True),
    "url_sumber": ("source_url", False),
    "tanggal_sumber": ("source_date", True),
    "kutipan": ("quote", False),
    "catatan": ("note", False),
    "presisi": ("precision", False),
    "nama_wilayah": (None, False),  # checked against the code, not published
}
REQUIRED = [name for name, (_, required) in COLUMNS.items() if required]
ALIASES = {
    "kode_program": "program", "kode_indikator": "indikator", "kode_bps": "kode_wilayah",
    "kode_wil": "kode_wilayah", "judul_sumber": "sumber", "tautan_sumber": "url_sumber",
    "link_sumber": "url_sumber", "tgl_sumber": "tanggal_sumber", "keterangan": "catatan",
    "wilayah": "nama_wilayah", "kabupaten_kota": "nama_wilayah",
}
#: Row-number columns Excel users add; read and ignored.
IGNORED = {"no", "nomor", "no_urut"}
#: Whole header names that are private, and words that make any header private.
PRIVATE_NAMES = set(ROSTER_PRIVATE_COLUMNS) | {
    "nama", "nama_lengkap", "nama_penerima", "nama_kpm", "nama_anak", "nama_ibu", "ttl", "kk", "nkk",
    "no_kk", "nomor_kk", "hp", "no_hp", "nomor_hp", "telp", "no_telp", "handphone", "jenis_kelamin",
    "e_mail",
}
PRIVATE_WORDS = {
    "nik", "kk", "telepon", "telpon", "telp", "hp", "ponsel", "handphone", "whatsapp", "wa", "alamat",
    "lahir", "email", "mail", "surel", "rekening", "rek", "agama", "ktp", "npwp", "kesehatan", "kandung", "bpjs",
}


def normal_name(cell: object) -> str:
    """``"Kode Wilayah (BPS)"`` -> ``"kode_wilayah"``: lower case, words joined by underscores."""
    text = re.sub(r"\([^)]*\)", " ", str(cell or "")).lower()
    return "_".join(re.findall(r"[a-z0-9]+", text))


def _squash(name: str) -> str:
    return name.replace("_", "")


_KNOWN = {_squash(n): n for n in COLUMNS} | {_squash(a): c for a, c in ALIASES.items()}
_IGNORED = {_squash(n) for n in IGNORED}


def classify(cell: object) -> tuple[str, str | None]:
    """(kind, canonical name): kind is ``known``, ``private``, ``ignored``, ``unknown`` or ``blank``."""
    name = normal_name(cell)
    if not name:
        return "blank", None
    if _squash(name) in _KNOWN:
        return "known", _KNOWN[_squash(name)]
    if name in PRIVATE_NAMES or set(name.split("_")) & PRIVATE_WORDS:
        return "private", name
    if _squash(name) in _IGNORED:
        return "ignored", name
    return "unknown", name


def header_score(cells: list) -> int:
    """How much a row looks like the header: the number of cells naming a known or private column."""
    return sum(classify(c)[0] in ("known", "private") for c in cells if isinstance(c, str))


@dataclass(frozen=True)
class Header:
    """The header found in a raw table: where it is and what each column holds."""

    row: int  # spreadsheet row number of the (lower) header row
    data_from: int  # position in RawTable.rows of the first row under the header
    columns: dict[int, str]  # column position -> canonical name, for known columns only
    problems: list[Problem]  # for the rows read (the data rows of a table still being read: see unnamed)
    names: tuple = ()  # the header cells
    unnamed: frozenset[int] = frozenset()  # positions under a blank header cell (and any past the last)


def column_letter(position: int) -> str:
    """Spreadsheet letter of a 0-based column position (0 -> A, 26 -> AA)."""
    letters, n = "", position + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _header_like(cells: list) -> bool:
    kinds = [classify(c)[0] for c in cells if c not in (None, "")]
    return bool(kinds) and all(k in ("known", "private", "ignored") for k in kinds)


def find_header(table: RawTable) -> Header | None:
    """Locate the header row (two rows when the header is merged); ``None`` when there is none."""
    scan = table.rows[:SCAN_ROWS]
    scores = [header_score(cells) for _, cells in scan]
    if not scores or max(scores) < 2:
        return None
    best = scores.index(max(scores))
    names = list(scan[best][1])
    last = best
    below = table.rows[best + 1][1] if best + 1 < len(table.rows) else []
    above = table.rows[best - 1][1] if best > 0 else []
    if _header_like(below):
        pairs, last = [(names, below)], best + 1
    elif any(classify(c)[0] == "known" and (i >= len(names) or names[i] in (None, ""))
             for i, c in enumerate(above)):
        pairs = [(names, above)]
    else:
        pairs = []
    for main, extra in pairs:
        width = max(len(main), len(extra))
        main += [None] * (width - len(main))
        for i, cell in enumerate(extra):
            if classify(cell)[0] in ("known", "private") or main[i] in (None, ""):
                main[i] = cell if cell not in (None, "") else main[i]
    return _columns(table, names, last)


def _columns(table: RawTable, names: list, last: int) -> Header:
    row = table.rows[last][0]
    unnamed = frozenset(p for p, cell in enumerate(names) if classify(cell)[0] == "blank")
    found, problems = column_problems(table.name, row, names, filled_positions(table.rows[last + 1:], unnamed, len(names)))
    return Header(row, last + 1, found, problems, tuple(names), unnamed)


def filled_positions(rows, unnamed: frozenset[int], width: int) -> set[int]:
    """Positions in ``unnamed`` or past ``width`` that hold a cell in some of ``rows``."""
    found: set[int] = set()
    for _, cells in rows:
        for position in range(width, len(cells)):
            if cells[position] not in (None, ""):
                found.add(position)
        for position in unnamed:
            if position < len(cells) and cells[position] not in (None, ""):
                found.add(position)
    return found


def column_problems(file: str, row: int, names: list, filled: set[int]) -> tuple[dict[int, str], list[Problem]]:
    """(known column positions, problems) of a header; ``filled``: the blank-header positions that
    hold data (such a column is refused: nobody can tell what it holds)."""
    found: dict[int, str] = {}
    problems: list[Problem] = []
    for position in range(max([len(names)] + [p + 1 for p in filled])):
        cell = names[position] if position < len(names) else None
        kind, name = classify(cell)
        label = str(cell).strip() if cell not in (None, "") else f"kolom {column_letter(position)}"
        if private_kind(label):  # a header cell is no place for a phone number, and it is never echoed
            label = f"kolom {column_letter(position)} (judulnya tampak berisi data pribadi)"
        if kind == "private":
            problems.append(problem("kolom_pribadi", file, row, label))
        elif kind == "unknown":
            problems.append(problem("kolom_tidak_dikenal", file, row, label))
        elif kind == "blank" and position in filled:
            problems.append(problem("kolom_tanpa_judul", file, row, label))
        elif kind == "known":
            if name in found.values():
                problems.append(problem("kolom_ganda", file, row, name))
            else:
                found[position] = name
    for name in REQUIRED:
        if name not in found.values():
            problems.append(problem("kolom_wajib_tidak_ada", file, row, name))
    return found, problems

"""The hand-kept tables the importer reads beside the raw files, each checked when loaded.

* ``data/sources/sumber.csv``: one row per source address of the raw files (``url``, clean display
  title ``judul`` ending in ``(penerbit)``, ``penerbit``, ``jenis`` and ``catatan``);
* ``data/sources/koreksi_impor.csv``: corrections by raw row (``id``, ``berkas``, ``baris``, ``kolom``,
  ``nilai``, ``alasan``); the raw files are never edited;
* ``data/sources/program_map.csv``: source programme names (and, where needed, source indicator
  codes) to catalogue codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from dashboard.settings import SOURCES_DIR

#: The published-figure files, in import order.
RAW_FILES = ("sourced_figures.csv", "sourced_figures_2.csv", "sourced_figures_3.csv")
SOURCE_TYPES = ("dokumen_resmi", "berita", "sekunder", "contoh")
SOURCE_TYPE_LABEL = {"dokumen_resmi": "dokumen resmi", "berita": "berita", "sekunder": "sumber sekunder",
                     "contoh": "DATA CONTOH"}
#: Columns a koreksi row may set, and what the value must look like.
KOREKSI_COLUMNS = {"period", "year", "year_inferred", "unit", "program", "indicator", "approx",
                   "source_title", "tolak"}


class CatalogueError(ValueError):
    """A hand-kept table breaks one of its rules (message names file, row and rule)."""


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(SOURCES_DIR / name, dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def sources() -> pd.DataFrame:
    """``sumber.csv`` indexed by ``url``."""
    frame = _read("sumber.csv")
    problems = []
    for i, r in frame.iterrows():
        line = f"sumber.csv, baris {i + 2}"
        if r.jenis not in SOURCE_TYPES[:3]:
            problems.append(f"{line}, kolom 'jenis': {r.jenis!r} bukan dokumen_resmi, berita atau sekunder")
        if not r.penerbit or not r.judul.endswith(f"({r.penerbit})"):
            problems.append(f"{line}, kolom 'judul': harus diakhiri nama penerbit dalam kurung ({r.penerbit!r})")
    duplicated = frame.url[frame.url.duplicated()]
    problems += [f"sumber.csv: alamat {u!r} tercatat lebih dari sekali" for u in duplicated]
    if problems:
        raise CatalogueError("\n".join(problems))
    return frame.set_index("url", drop=False)


@dataclass(frozen=True)
class Koreksi:
    id: str
    berkas: str
    baris: int
    kolom: str
    nilai: str
    alasan: str


@lru_cache(maxsize=1)
def corrections() -> dict[tuple[str, int], list[Koreksi]]:
    """``koreksi_impor.csv`` grouped by (file, spreadsheet row), in file order."""
    frame = _read("koreksi_impor.csv")
    out: dict[tuple[str, int], list[Koreksi]] = {}
    problems = []
    for i, r in frame.iterrows():
        line = f"koreksi_impor.csv, baris {i + 2}"
        if r.berkas not in RAW_FILES:
            problems.append(f"{line}, kolom 'berkas': {r.berkas!r} bukan berkas angka terbit")
        if r.kolom not in KOREKSI_COLUMNS:
            problems.append(f"{line}, kolom 'kolom': {r.kolom!r} tidak boleh dikoreksi")
        if not r.baris.isdigit() or not r.alasan.strip():
            problems.append(f"{line}: baris harus angka dan alasan wajib diisi")
            continue
        fix = Koreksi(r.id, r.berkas, int(r.baris), r.kolom, r.nilai, r.alasan.strip())
        out.setdefault((fix.berkas, fix.baris), []).append(fix)
    if frame.id.duplicated().any() or frame.id.eq("").any():
        problems.append("koreksi_impor.csv: kolom 'id' wajib diisi dan unik")
    if problems:
        raise CatalogueError("\n".join(problems))
    return out


@lru_cache(maxsize=1)
def program_map() -> dict[tuple[str, str], tuple[str, str, str]]:
    """(source programme, source indicator or "") -> (programme code, indicator code or "", note)."""
    frame = _read("program_map.csv")
    keys = list(zip(frame.program_sumber, frame.indicator_sumber, strict=True))
    if len(set(keys)) != len(keys):
        raise CatalogueError("program_map.csv: pasangan program_sumber dan indicator_sumber harus unik")
    return {k: (r.program, r.indicator, r.catatan) for k, r in zip(keys, frame.itertuples(), strict=True)}


def map_program(name: str, indicator: str) -> tuple[str, str, str]:
    """Catalogue programme and indicator for a source programme name; KeyError if it is not mapped."""
    table = program_map()
    if (name, indicator) in table:
        return table[(name, indicator)]
    if (name, "") in table:
        return table[(name, "")]
    raise KeyError(f"nama program {name!r} belum ada di program_map.csv")

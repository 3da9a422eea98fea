"""Reference lists: regions (BPS and Kemendagri codes), programmes and indicators.

All joins between datasets use BPS codes (``36``, ``3601``..``3674``, 7-digit kecamatan), never names:
Banten has both a Kabupaten and a Kota Tangerang, and a Kabupaten and a Kota Serang.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from dashboard.settings import REFERENCE_DIR

PROVINCE_CODE = "36"
PROVINCE_NAME = "Provinsi Banten"


def read(name: str, folder: Path = REFERENCE_DIR) -> pd.DataFrame:
    """One reference CSV, every column as text (the one reader: the geo build uses it too)."""
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


_read = read


@lru_cache(maxsize=1)
def kabkota() -> pd.DataFrame:
    """The 8 kabupaten/kota: ``kode_bps, kode_kemendagri, nama, nama_singkat, jenis``."""
    return _read("kabkota.csv")


@lru_cache(maxsize=1)
def kecamatan() -> pd.DataFrame:
    """The 155 kecamatan: ``kode_bps`` (7 digits), ``kode_kemendagri``, names, ``kode_bps_kabkota``."""
    return _read("kecamatan.csv")


@lru_cache(maxsize=1)
def desa() -> pd.DataFrame:
    """The 1,552 desa/kelurahan of the BPS 2020 boundary edition (10-digit codes)."""
    return _read("desa.csv")


@lru_cache(maxsize=1)
def programs() -> pd.DataFrame:
    """Programme and PSKS catalogue (``jenis`` is ``program`` or ``psks``)."""
    frame = _read("programs.csv")
    frame["terverifikasi"] = frame["terverifikasi"].eq("ya")
    return frame


@lru_cache(maxsize=1)
def indicators() -> pd.DataFrame:
    """Indicator catalogue: ``kode, nama, nama_en, satuan``; ``jenis`` (jumlah | rasio | uang |
    indeks); ``per_kapita`` (ya | tidak: whether a rate per resident makes sense); ``agregasi``
    (jumlah | tidak: whether kab/kota values add up); ``denominator`` (``penduduk`` exactly when
    ``per_kapita`` is ya; kept for older readers); ``kelompok`` (theme); ``program`` (the programme
    code the indicator belongs to, ``menurut_program`` / ``menurut_psks`` when the figure's own
    ``program`` column names it, "" when it describes a region); ``deskripsi``."""
    return _read("indicators.csv")


@lru_cache(maxsize=1)
def periods() -> pd.DataFrame:
    """Closed vocabulary of periods within a year: ``kode`` ("" = annual or not stated), names, order."""
    frame = _read("periods.csv")
    frame["urutan"] = frame["urutan"].astype(int)
    return frame.sort_values("urutan").reset_index(drop=True)


@lru_cache(maxsize=1)
def region_names() -> dict[str, str]:
    """Display name of every region code: province, kab/kota (short form) and kecamatan."""
    names = {PROVINCE_CODE: PROVINCE_NAME}
    names.update(dict(zip(kabkota().kode_bps, kabkota().nama_singkat, strict=True)))
    names.update(dict(zip(kecamatan().kode_bps, "Kec. " + kecamatan().nama, strict=True)))
    return names


def known_region_codes() -> set[str]:
    """Every valid region code a statistic may carry."""
    return {PROVINCE_CODE} | set(kabkota().kode_bps) | set(kecamatan().kode_bps)


def parent_code(code: str) -> str | None:
    """The kab/kota of a kecamatan, the province of a kab/kota, ``None`` for the province."""
    code = str(code)
    if len(code) == 7:
        return code[:4]
    if len(code) == 4:
        return PROVINCE_CODE
    return None


def program_name(kode: str) -> str:
    """Indonesian name of a programme code, or the code itself when it is not in the catalogue."""
    match = programs().loc[programs().kode == kode, "nama"]
    return match.iloc[0] if len(match) else kode

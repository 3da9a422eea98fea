"""Deterministic demonstration data (status ``contoh``), shown only in the demonstration mode.

Rules, each tested:

* one fixed seed; every random draw comes from ``random.Random`` seeded by a string naming the
  series, so adding a series never changes another one;
* a generated series is a series of its own (status ``contoh``): it never fills a gap in, is never
  summed with and never split from a published series; the published figures only bound it;
* consistent across levels: kab/kota values add up to the province figure, and kecamatan values
  add up to their kab/kota;
* bounded by real denominators: no kab/kota gets more recipients than half its poor residents
  (BPS 2023), and never more than its residents;
* PSKS counts are counted from the synthetic roster, so the roster and the counts agree;
* every row says ``DATA CONTOH`` in its note.
"""

from __future__ import annotations

import random

import pandas as pd

from dashboard.data import reference
from dashboard.data.alloc import split_total
from dashboard.data.schema import STAT_COLUMNS
from dashboard.data.sourced import figure_id

SEED = 20221221
YEARS = range(2018, 2026)
CONTOH_SOURCE = "DATA CONTOH, dibangkitkan untuk demonstrasi dasbor (bukan angka resmi)"
CONTOH_NOTE = "DATA CONTOH, bukan angka resmi: dibangkitkan secara deterministik untuk demonstrasi."

#: programme -> (indicator, unit, province level in 2018, yearly growth, first year, last year, kecamatan?)
SERIES: dict[str, tuple[str, str, int, float, int, int, bool]] = {
    "UEP": ("penerima", "KPM", 1800, 0.12, 2018, 2025, True),
    "JSLU": ("penerima", "orang", 2600, 0.05, 2018, 2025, True),
    "JSOD": ("penerima", "orang", 700, 0.06, 2018, 2025, True),
    "JSANAK": ("penerima", "anak", 500, 0.04, 2018, 2025, False),
    "JSK": ("penerima", "keluarga", 26000, 0.10, 2022, 2025, True),
    "JAMSOSRATU": ("penerima", "keluarga", 50000, 0.0, 2018, 2021, False),
    "ODGJ": ("penerima", "orang", 140, 0.05, 2018, 2025, False),
    "PMI": ("penerima", "orang", 110, 0.04, 2018, 2025, False),
    "BAPAS": ("penerima", "orang", 80, 0.03, 2018, 2025, False),
    "PANTI": ("penerima", "orang", 240, 0.02, 2018, 2025, False),
    "TALI_ASIH": ("penerima", "orang", 70, -0.04, 2018, 2025, False),
    "COTA": ("penerima", "orang", 24, 0.03, 2018, 2025, False),
    "PROTESA": ("unit_diberikan", "unit", 40, 0.05, 2018, 2025, False),
    "ABD": ("unit_diberikan", "unit", 150, 0.07, 2018, 2025, False),
    "UPSK": ("kegiatan", "kegiatan", 36, 0.03, 2018, 2025, False),
    "P2K2": ("kegiatan", "kegiatan", 1100, 0.04, 2018, 2025, False),
}
#: Province-only series (the permit is issued for collections that cross kab/kota borders).
PROVINCE_ONLY = {"PUB": ("izin_pub", "izin", 24, 0.05, 2018, 2025)}


def _rng(*parts: object) -> random.Random:
    return random.Random("|".join(map(str, (SEED, *parts))))


def _row(indicator: str, program: str, code: str, year: int, value: int, unit: str) -> dict:
    return {
        "fig_id": "c" + figure_id(indicator, program, code, year, "contoh"),
        "indicator": indicator, "program": program, "kode_wilayah": code, "year": year, "period": "",
        "value": float(value), "unit": unit, "unit_asli": unit, "precision": None, "approx": "",
        "status": "contoh", "source_type": "contoh", "source_title": CONTOH_SOURCE, "source_url": "",
        "source_date": "", "source_date_precision": "", "date_inferred": False, "year_inferred": False,
        "quote": "", "processing": "contoh", "origin": "", "note": CONTOH_NOTE, "displayed": True,
        "conflict_note": "",
    }


def _poor_by_kabkota(resmi: pd.DataFrame) -> dict[str, float]:
    poor = resmi[(resmi.indicator == "penduduk_miskin") & resmi.displayed & (resmi.year == 2023)]
    return dict(zip(poor.kode_wilayah, poor.value, strict=True))


def generate_statistics(resmi: pd.DataFrame, roster: pd.DataFrame) -> pd.DataFrame:
    """Complete demonstration series (status ``contoh``), independent of the published figures.

    A generated series is its own series (the status is part of a series' identity): it never fills a
    gap in, is never summed with, and is never split from a published one. ``resmi`` is only read for
    the bound on recipients (half the poor residents, BPS 2023).
    """
    kab_codes = list(reference.kabkota().kode_bps)
    poor = _poor_by_kabkota(resmi)
    rows: list[dict] = []

    for program, (indicator, unit, base, growth, first, last, with_kec) in SERIES.items():
        for year in range(first, last + 1):
            r = _rng(program, year)
            total = int(round(base * (1 + growth) ** (year - first) * r.uniform(0.9, 1.1)))
            parts = split_total(total, [poor[c] * r.uniform(0.7, 1.3) for c in kab_codes])
            by_kab = {c: min(v, int(poor[c] * 0.5)) for c, v in zip(kab_codes, parts, strict=True)}
            rows.extend(_row(indicator, program, c, year, v, unit) for c, v in by_kab.items())
            rows.append(_row(indicator, program, "36", year, sum(by_kab.values()), unit))
            if with_kec:
                rows.extend(_kecamatan_rows(indicator, program, unit, year, by_kab))

    for program, (indicator, unit, base, growth, first, last) in PROVINCE_ONLY.items():
        for year in range(first, last + 1):
            value = int(round(base * (1 + growth) ** (year - 2018) * _rng(program, year).uniform(0.8, 1.2)))
            rows.append(_row(indicator, program, "36", year, value, unit))

    rows.extend(psks_rows(roster))
    frame = pd.DataFrame(rows)
    frame["year"] = frame["year"].astype("Int64")
    frame["precision"] = frame["precision"].astype(float)
    return frame[STAT_COLUMNS]


def _kecamatan_rows(indicator: str, program: str, unit: str, year: int, by_kab: dict[str, int]) -> list[dict]:
    kec = reference.kecamatan()
    rows = []
    for kab, total in by_kab.items():
        codes = kec.loc[kec.kode_bps_kabkota == kab, "kode_bps"].tolist()
        r = _rng(program, year, kab)
        parts = split_total(int(total), [r.uniform(0.5, 1.5) for _ in codes])
        rows.extend(_row(indicator, program, c, year, v, unit) for c, v in zip(codes, parts, strict=True))
    return rows


def active_in_year(roster: pd.DataFrame, year: int) -> pd.Series:
    """Roster rows whose term covers 31 December of ``year`` (status ``tidak aktif`` excluded)."""
    end_of_year = f"{year}-12-31"
    return (roster.periode_mulai.le(end_of_year) & roster.periode_selesai.gt(end_of_year)
            & roster.status.ne("tidak aktif"))


def psks_rows(roster: pd.DataFrame) -> list[dict]:
    """Yearly PSKS counts per kab/kota and province, counted from the synthetic roster."""
    units = reference.programs().set_index("kode")["satuan"]
    rows = []
    for year in YEARS:
        active = roster[active_in_year(roster, year)]
        counts = active.groupby(["jenis_psks", "kode_kabkota"]).size()
        for kind in sorted(roster.jenis_psks.unique()):
            by_kab = {k: int(counts.get((kind, k), 0)) for k in reference.kabkota().kode_bps}
            rows.extend(_row("jumlah_psks", kind, code, year, value, units[kind]) for code, value in by_kab.items())
            rows.append(_row("jumlah_psks", kind, "36", year, sum(by_kab.values()), units[kind]))
    return rows

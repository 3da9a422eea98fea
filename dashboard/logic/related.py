"""Notes on other published figures about the same subject, and why they differ.

A journalist quoting one number should know that another source says something else, that another
year has another value, that a national Kemensos programme is a different thing from the provincial
one, or that the kab/kota figures of the same release do not add up to the province.
"""

from __future__ import annotations

import re

import pandas as pd

from dashboard.data import reference
from dashboard.logic import fmt
from dashboard.logic.figtext import (
    as_dict,
    indicator_row,
    is_contoh,
    period_text,
    program_label,
    program_row,
    publisher,
    region_name,
    source_date_text,
    value_text,
    year_of,
)

FACT_KEY = ["indicator", "program", "kode_wilayah", "year", "period", "unit"]
NATIONAL = "Kementerian Sosial"
POPULATION = {"jumlah_penduduk_sp2020": "Sensus Penduduk BPS", "jumlah_penduduk_proyeksi_bps": "proyeksi BPS",
              "jumlah_penduduk_dukcapil": "Dukcapil"}
MAX_YEARS = 4


def _same(stats: pd.DataFrame, f: dict, keys: list[str]) -> pd.Series:
    mask = pd.Series(True, index=stats.index)
    for key in keys:
        value = f.get(key)
        column = stats[key]
        mask &= column.isna() if key == "year" and year_of(f) is None else column.eq(value).fillna(False)
    return mask


def _cite(row: dict) -> str:
    return f"{publisher(row)}, {source_date_text(row['source_date'], short=True)}"


def _other_sources(stats: pd.DataFrame, f: dict) -> list[str]:
    others = stats[_same(stats, f, FACT_KEY) & stats.fig_id.ne(f["fig_id"])]
    notes = []
    for row in (as_dict(r) for _, r in others.iterrows()):
        same_value = row["value"] == f["value"]
        said = "menyebut angka yang sama" if same_value else f"menyebut {value_text(row)}"
        if f.get("displayed"):
            notes.append(f"Sumber lain ({_cite(row)}) {said}; yang ditampilkan adalah angka ini. "
                         f"{f.get('conflict_note') or ''}".strip())
        elif row.get("displayed"):
            notes.append(f"Angka utama untuk fakta yang sama adalah {value_text(row)} ({_cite(row)}). "
                         f"{row.get('conflict_note') or ''}".strip())
    return notes


def _other_units(stats: pd.DataFrame, f: dict) -> list[str]:
    rows = stats[_same(stats, f, ["indicator", "program", "kode_wilayah", "year"]) & stats.unit.ne(f["unit"])
                 & stats.status.eq("resmi")]
    return [f"Sumber lain mencatat {value_text(r)} ({_cite(r)}) untuk program dan tahun yang sama dalam "
            "satuan berbeda; satuan yang berbeda tidak dapat dibandingkan langsung."
            for r in (as_dict(x) for _, x in rows.iterrows())]


def _other_years(stats: pd.DataFrame, f: dict) -> list[str]:
    rows = stats[_same(stats, f, ["indicator", "program", "kode_wilayah", "unit"]) & stats.status.eq("resmi")
                 & stats.displayed & stats.year.notna() & stats.year.ne(year_of(f) or -1)]
    if rows.empty:
        return []
    rows = rows.assign(gap=(rows.year - (year_of(f) or rows.year.max())).abs()).sort_values(["gap", "year"])
    listed = "; ".join(f"{period_text(as_dict(r))}: {value_text(as_dict(r))}"
                       for _, r in rows.head(MAX_YEARS).sort_values(["year", "period"]).iterrows())
    if is_contoh(f):
        return [f"Ini DATA CONTOH. Angka resmi yang terbit untuk subjek dan wilayah yang sama: {listed}."]
    return [f"Tahun lain untuk subjek dan wilayah yang sama: {listed}. Angka berbeda antartahun karena "
            "tiap tahun penyaluran atau pendataan berbeda; kutip tahun yang sesuai."]


def _national_vs_provincial(stats: pd.DataFrame, f: dict) -> list[str]:
    row = program_row(f["program"])
    if row is None or not str(f["indicator"]).startswith("penerima"):
        return []
    label = program_label(f["program"])
    if row["penyelenggara"] == NATIONAL:
        return [f"{label} adalah program nasional Kementerian Sosial (APBN), bukan program APBD Banten. "
                "Jangan dijumlahkan dengan penerima bantuan Dinas Sosial Provinsi Banten seperti "
                "Jamsosratu, JSK atau UEP."]
    if row["kategori"] not in ("jaminan sosial", "perlindungan sosial") or "Banten" not in row["penyelenggara"]:
        return []
    national = set(reference.programs().query("penyelenggara == @NATIONAL").kode)
    here = stats[stats.program.isin(national) & stats.kode_wilayah.eq(f["kode_wilayah"])
                 & stats.status.eq("resmi") & stats.displayed]
    note = (f"{label} dibiayai {row['penyelenggara']}; penerima program nasional Kementerian Sosial "
            "(PKH, Program Sembako) dihitung terpisah dan tidak termasuk dalam angka ini.")
    if not here.empty:
        listed = "; ".join(f"{program_label(r['program'])} {int(r['year'])}: {value_text(as_dict(r))}"
                           for _, r in here.sort_values("year").iterrows())
        note += f" Untuk {region_name(f['kode_wilayah'])} tercatat: {listed}."
    return [note]


def _sum_mismatch(stats: pd.DataFrame, f: dict) -> list[str]:
    code = str(f["kode_wilayah"])
    ind = indicator_row(f["indicator"])
    if len(code) > 4 or ind is None or ind["agregasi"] != "jumlah":
        return []
    keys = ["indicator", "program", "year", "period", "unit", "status"]
    group = stats[_same(stats, f, keys) & stats.displayed]
    province = group[group.kode_wilayah.eq(reference.PROVINCE_CODE)]
    parts = group[group.kode_wilayah.str.len().eq(4)]
    if len(province) != 1 or parts.kode_wilayah.nunique() != len(reference.kabkota()):
        return []
    total, stated = parts.value.sum(), province.value.iloc[0]
    if abs(total - stated) < 1e-9:
        return []
    unit = f["unit"]
    note = (f"Jumlah delapan kabupaten/kota ({fmt.value_with_unit(total, unit)}) berbeda "
            f"{fmt.value_with_unit(abs(total - stated), unit)} dari angka provinsi "
            f"({fmt.value_with_unit(stated, unit)}).")
    explained = [s for s in re.split(r"(?<=\.)\s+", province.note.iloc[0]) if "jumlah" in s.lower()]
    if explained:
        note += " " + " ".join(explained)
    elif group.precision.notna().any():
        note += " Sebagian angka dibulatkan di sumber, sehingga jumlahnya tidak tepat sama."
    else:
        note += " Angka mentah dari sumber dipertahankan; selisih biasanya karena pembulatan atau salah ketik."
    return [note]


def _population_series(stats: pd.DataFrame, f: dict) -> list[str]:
    if f["indicator"] not in POPULATION:
        return []
    others = stats[stats.indicator.isin(set(POPULATION) - {f["indicator"]}) & stats.displayed
                   & stats.kode_wilayah.eq(f["kode_wilayah"]) & stats.status.eq("resmi")]
    if others.empty:
        return []
    latest = others.sort_values("year").groupby("indicator").tail(1)
    listed = "; ".join(f"{POPULATION[r['indicator']]} {int(r['year'])}: {value_text(as_dict(r))}"
                       for _, r in latest.iterrows())
    return [f"Data {POPULATION[f['indicator']]} dan sumber penduduk lain mengukur hal berbeda "
            f"(registrasi Dukcapil vs sensus/proyeksi BPS): {listed}. Jangan dicampur dalam satu deret."]


def related_notes(stats: pd.DataFrame, fig: object) -> list[str]:
    """Sentences on where other published figures on the same subject differ, and why.

    Parameters
    ----------
    stats
        The statistics table of the release.
    fig
        One row of it.
    """
    f = as_dict(fig)
    notes = []
    for rule in (_other_sources, _other_units, _other_years, _national_vs_provincial, _sum_mismatch,
                 _population_series):
        notes.extend(rule(stats, f))
    return notes

"""Import of the published figures (``data/sources/sourced_figures.csv``) into the statistics table.

Every row becomes a ``resmi`` figure that keeps its source, date and verbatim quote. Processing is
recorded in the row itself:

* rounded units ("775,99 ribu jiwa", "3,25 juta jiwa") become whole numbers in the base unit, and
  ``precision`` records the rounding step (10 and 10 000 here);
* a period written in the unit ("ribu jiwa (Maret)") moves to ``period``;
* programme names are mapped to catalogue codes by ``program_map.csv``; corrections by row
  (``koreksi_impor.csv``) carry their reason into ``note``.

Duplicates and conflicts are all kept. Within a group of figures for the same fact (indicator,
programme, region, year, period, unit) exactly one row is ``displayed``, chosen by this rule, in order:
an entry in :data:`PREFERRED` (stated reason), else an exact figure over a rounded one, else the most
recent source date, else the first row in the file. The others carry ``conflict_note`` saying why they
are not displayed.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal

import pandas as pd

from dashboard.data.schema import STAT_COLUMNS
from dashboard.settings import SOURCES_DIR

SOURCE_FILE = SOURCES_DIR / "sourced_figures.csv"

#: (indicator, program, kode, year, value) -> reason it is the displayed figure of its group.
PREFERRED: dict[tuple[str, str, str, int, float], str] = {
    ("penerima", "UEP", "36", 2023, 6200.0): (
        "Ditampilkan 6.200 KPM: sumber mengutip bantenprov.go.id dan cocok dengan Rp15,5 miliar "
        "dibagi Rp2,5 juta per KPM (perhitungan kami). Koran Banten menyebut 6.600 KPM."
    ),
    ("penerima", "JSK", "36", 2025, 37741.0): (
        "Ditampilkan 37.741 keluarga (Harmony FM, angka rinci alokasi). BeritaBig menyebut 33.000 "
        "keluarga untuk penyaluran yang sama; konfirmasi ke Dinsos."
    ),
}

#: Notes on known data-quality issues (CONTEXT.md), attached to the figures they concern.
QUALITY_NOTES: dict[tuple[str, str, str, int], str] = {
    ("penerima", "BLT_BBM", "36", 2022): (
        "Jumlah delapan kabupaten/kota dalam sumber yang sama adalah 75.614, bukan 75.613; angka Lebak "
        "(1.604) mungkin salah ketik di sumber. Angka mentah dipertahankan."
    ),
    ("penduduk_miskin", "", "36", 2022): (
        "Jumlah kabupaten/kota 814.030 berbeda 10 jiwa dari angka provinsi 814.020 karena pembulatan BPS."
    ),
}

_SCALE = {"ribu": 1_000, "juta": 1_000_000}
_UNIT_NORMAL = {
    "RTS/KPM": "KPM",
    "rumah tangga sasaran": "RTS",
    "kepala keluarga": "keluarga",  # one head per family: the same count as "keluarga"
}


def _parse_unit(unit: str) -> tuple[str, int, str, str]:
    """Split a source unit into (base unit, scale, period, qualifier)."""
    unit = unit.strip()
    period = ""
    qualifier = ""
    match = re.search(r"\(([^)]*)\)\s*$", unit)
    if match:
        inner = match.group(1)
        unit = unit[: match.start()].strip()
        if inner in ("Maret", "September"):
            period = inner
        else:
            qualifier = inner
    scale = 1
    first, _, rest = unit.partition(" ")
    if first in _SCALE and rest:
        scale, unit = _SCALE[first], rest
    return _UNIT_NORMAL.get(unit, unit), scale, period, qualifier


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def figure_id(*parts: object) -> str:
    """Stable short identifier of a figure, from the fields that define it."""
    key = "|".join("" if p is None or (isinstance(p, float) and pd.isna(p)) else str(p) for p in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def load_raw() -> pd.DataFrame:
    return pd.read_csv(SOURCE_FILE, dtype=str, keep_default_na=False)


def import_sourced(raw: pd.DataFrame | None = None) -> pd.DataFrame:
    """Convert the sourced-figures file into statistics rows (status ``resmi``)."""
    raw = load_raw() if raw is None else raw
    mapping = pd.read_csv(SOURCES_DIR / "program_map.csv", dtype=str, keep_default_na=False)
    by_program = {r.program_sumber: r for r in mapping.itertuples() if r.program_sumber}
    corrections = pd.read_csv(SOURCES_DIR / "koreksi_impor.csv", dtype=str, keep_default_na=False)

    rows = []
    for index, src in raw.iterrows():
        unit, scale, period, qualifier = _parse_unit(src["unit"])
        # Decimal, not float: float("16.31") * 1000 is 16309.999999999998, not a whole number.
        value = float(Decimal(src["value"]) * scale)
        precision = float(10 ** max(0, len(str(scale)) - 1 - _decimals(src["value"]))) if scale > 1 else None
        program = indicator = ""
        indicator = src["indicator"]
        if src["program"]:
            mapped = by_program[src["program"]]
            program = mapped.program
            indicator = mapped.indicator or indicator
        notes = []
        if qualifier:
            notes.append(f"Keterangan satuan di sumber: {qualifier}.")
        if src["program"] and src["program"] != program:
            notes.append(f"Nama program di sumber: {src['program']}.")
        if precision:
            notes.append(f"Angka dibulatkan di sumber ({src['value']} {src['unit']}); dikonversi ke {unit}.")
        if not src["year"]:
            notes.append(f"Tahun tidak disebut di sumber ({src['source_date']}).")
        row = {
            "indicator": indicator, "program": program, "kode_wilayah": src["kode_wilayah"],
            "year": int(src["year"]) if src["year"] else None, "period": period, "value": value,
            "unit": unit, "unit_asli": src["unit"], "precision": precision, "status": "resmi",
            "source_title": src["source_title"], "source_url": src["source_url"],
            "source_date": src["source_date"], "quote": src["quote"], "_row": index + 2,
        }
        for fix in corrections[corrections.baris.astype(int) == index + 2].itertuples():
            row[fix.kolom] = fix.nilai
            notes.append(fix.alasan)
        quality = QUALITY_NOTES.get((indicator, program, row["kode_wilayah"], row["year"]))
        if quality:
            notes.append(quality)
        row["note"] = " ".join(notes)
        rows.append(row)

    frame = pd.DataFrame(rows)
    frame = mark_displayed(frame)
    frame["fig_id"] = [
        "r" + figure_id(r.indicator, r.program, r.kode_wilayah, r.year, r.period, r.unit, r.source_url, r.value)
        for r in frame.itertuples()
    ]
    frame["year"] = frame["year"].astype("Int64")
    frame["precision"] = frame["precision"].astype(float)
    return frame[STAT_COLUMNS].reset_index(drop=True)


GROUP_KEY = ["indicator", "program", "kode_wilayah", "year", "period", "unit"]


def mark_displayed(frame: pd.DataFrame) -> pd.DataFrame:
    """Choose the one displayed figure of each group of rows describing the same fact."""
    frame = frame.copy()
    frame["displayed"] = False
    frame["conflict_note"] = ""
    for _, group in frame.groupby(GROUP_KEY, dropna=False, sort=False):
        if len(group) == 1:
            frame.loc[group.index, "displayed"] = True
            continue
        chosen, reason = _choose(group)
        frame.loc[chosen, "displayed"] = True
        values = group["value"]
        same = values.nunique() == 1 or _within_rounding(group)
        for idx in group.index:
            if idx == chosen:
                frame.loc[idx, "conflict_note"] = reason
                continue
            kind = "Duplikat dari sumber lain" if same else "Sumber lain menyebut angka berbeda"
            frame.loc[idx, "conflict_note"] = (
                f"{kind}; tidak ditampilkan sebagai angka utama. {reason}"
            )
    return frame


def _within_rounding(group: pd.DataFrame) -> bool:
    exact = group[group.precision.isna()]
    rounded = group[group.precision.notna()]
    if exact.empty or rounded.empty or exact.value.nunique() != 1:
        return False
    target = exact.value.iloc[0]
    # "1,89 juta" may be truncated rather than rounded: allow one whole step.
    return bool(((rounded.value - target).abs() < rounded.precision).all())


def _choose(group: pd.DataFrame) -> tuple[int, str]:
    for idx, r in group.iterrows():
        reason = PREFERRED.get((r.indicator, r.program, r.kode_wilayah, r.year, r.value))
        if reason:
            return idx, reason
    exact = group[group.precision.isna()]
    if 0 < len(exact) < len(group):
        return exact.index[0], "Ditampilkan angka rinci; angka lain adalah pembulatan."
    dated = group.source_date.str.extract(r"^(\d{4}-\d{2}(?:-\d{2})?)")[0]
    if dated.notna().any() and dated.nunique() > 1:
        return dated.idxmax(), "Ditampilkan angka dari sumber dengan tanggal terbaru."
    return group.index[0], "Ditampilkan angka dari sumber pertama yang tercatat; sumber lain setara."

"""Tiny statistics tables (columns ``STAT_COLUMNS``) for tests that need a handful of figures.

``stat_frame`` fills every column the caller does not care about with a plausible default, so a
test states only what it is about. Used by the foundation tests and by tests/logic.
"""

from __future__ import annotations

import itertools

import pandas as pd

from dashboard.data.schema import STAT_COLUMNS

_counter = itertools.count(1)

DEFAULTS = {
    "indicator": "penerima", "program": "UEP", "kode_wilayah": "36", "year": 2022, "period": "",
    "value": 1.0, "unit": "KPM", "unit_asli": "KPM", "precision": None, "approx": "", "status": "resmi",
    "source_type": "berita", "source_title": "Sumber uji", "source_url": "https://contoh.invalid/uji",
    "source_date": "2022-11-01", "source_date_precision": "hari", "date_inferred": False, "year_inferred": False,
    "quote": "", "processing": "", "origin": "", "note": "", "displayed": True, "conflict_note": "",
}


def stat_row(**fields: object) -> dict:
    """One figure; ``fig_id`` is unique per call unless given. Contoh rows get the DATA CONTOH note."""
    row = {"fig_id": f"t{next(_counter):06d}", **DEFAULTS, **fields}
    if row["status"] == "contoh" and "note" not in fields:
        row["note"] = "DATA CONTOH, bukan angka resmi"
    if row["status"] == "contoh" and "source_type" not in fields:
        row["source_type"] = "contoh"
    if "source_date" in fields and "source_date_precision" not in fields:
        row["source_date_precision"] = {10: "hari", 7: "bulan", 4: "tahun"}.get(len(str(row["source_date"] or "")), "")
    return row


def stat_frame(rows: list[dict]) -> pd.DataFrame:
    """A statistics table with the dtypes a release has (``year`` Int64, ``value`` float)."""
    frame = pd.DataFrame([r if "fig_id" in r else stat_row(**r) for r in rows], columns=STAT_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    frame["value"] = frame["value"].astype(float)
    frame["precision"] = frame["precision"].astype(float)
    for column in ("displayed", "date_inferred", "year_inferred"):
        frame[column] = frame[column].astype(bool)
    return frame

"""Tiny statistics tables for tests of the series, comparison and view-model logic (no release)."""

from __future__ import annotations

import itertools

import pandas as pd

_ids = itertools.count(1)
DEFAULTS = {"indicator": "penerima", "program": "UEP", "kode_wilayah": "36", "year": 2024, "period": "",
            "value": 100.0, "unit": "KPM", "unit_asli": "KPM", "precision": float("nan"), "approx": "",
            "status": "resmi", "source_type": "berita", "source_title": "Sumber A", "source_url": "https://a.example/1",
            "source_date": "2024-05-01", "source_date_precision": "hari", "date_inferred": False,
            "year_inferred": False, "quote": "", "processing": "", "origin": "", "note": "", "displayed": True,
            "conflict_note": ""}


def fig(**values) -> dict:
    row = {**DEFAULTS, **values}
    row.setdefault("fig_id", f"r{next(_ids):012x}")
    return row


def frame(*rows: dict) -> pd.DataFrame:
    out = pd.DataFrame([fig(**r) if "fig_id" not in r else r for r in rows])
    out["year"] = out["year"].astype("Int64")
    return out

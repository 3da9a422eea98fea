"""Shared test data for the "Cari Angka" logic: inline figures and the real default release."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data.schema import with_defaults

DEFAULTS = {
    "indicator": "penerima", "program": "UEP", "kode_wilayah": "36", "year": 2022, "period": "",
    "value": 100.0, "unit": "KPM", "unit_asli": "KPM", "precision": None, "status": "resmi",
    "source_title": "Judul Berita (Media Contoh)", "source_url": "https://example.org/berita",
    "source_date": "2022-11-25", "quote": "kutipan", "note": "", "displayed": True, "conflict_note": "",
}


def fig(fig_id: str, **fields: object) -> dict:
    """One statistics row; contoh rows get the DATA CONTOH source and note by default."""
    row = {"fig_id": fig_id, **DEFAULTS}
    if fields.get("status") == "contoh":
        row.update(source_title="Data contoh dibangkitkan (bukan angka resmi)", source_url="",
                   source_date="", quote="", note="DATA CONTOH, bukan angka resmi.")
    row.update(fields)
    return row


def frame(rows: list[dict]) -> pd.DataFrame:
    out = with_defaults(pd.DataFrame(rows))
    out["year"] = out["year"].astype("Int64")
    out["value"] = out["value"].astype(float)
    out["precision"] = out["precision"].astype(float)
    out["displayed"] = out["displayed"].astype(bool)
    return out


def release_statistics(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, object]:
    """The real default release, published into a temporary folder. Returns (statistics, release)."""
    from dashboard.data.build import init_release
    from dashboard.data.release import load_newest_good

    root = tmp_path_factory.mktemp("releases")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_RELEASES_DIR", str(root))
        init_release()
        rel = load_newest_good(root).release
    return rel.statistics, rel

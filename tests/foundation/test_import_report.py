"""The import report: every raw row of the three files is displayed, kept with a reason, or refused
with a reason, exactly once; the committed laporan_impor.csv is what the importer gives today."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import sourced, sourced_report
from dashboard.data import sources_catalogue as catalogue


@pytest.fixture(scope="module")
def report() -> pd.DataFrame:
    return sourced_report.import_report()


def test_every_raw_row_appears_exactly_once(report):
    raw = sourced.load_raw()
    assert len(report) == len(raw)
    assert list(zip(report.berkas, report.baris, strict=True)) == list(zip(raw.berkas, raw.baris, strict=True))
    assert set(report.status) <= {"ditampilkan", "disimpan", "ditolak"}


def test_rows_not_displayed_state_why(report):
    hidden = report[report.status != "ditampilkan"]
    assert len(hidden) > 0 and hidden.alasan.str.len().gt(20).all()
    assert hidden.alasan.str.contains("tidak ditampilkan|ditolak|Duplikat|berbeda").all()


def test_the_committed_report_is_up_to_date(report):
    committed = sourced_report.REPORT_FILE.read_text(encoding="utf-8")
    assert committed == sourced_report.report_text(report), (
        "laporan_impor.csv is stale: run python -m dashboard.data sources --tulis")


def test_counts_add_up(report):
    counts = sourced_report.counts(report)
    per_file = counts["per_berkas"]
    assert per_file["jumlah"].to_dict() == {"sourced_figures.csv": 248, "sourced_figures_2.csv": 192,
                                            "sourced_figures_3.csv": 109}
    shown = (report.status == "ditampilkan").sum()
    assert counts["ditampilkan_per_jenis_sumber"].sum() == shown == counts["ditampilkan_per_indikator"].sum()
    assert "sekunder" in counts["ditampilkan_per_jenis_sumber"]


def test_a_refusal_in_koreksi_is_reported_with_its_reason(tmp_path, monkeypatch):
    for name in ("sumber.csv", "program_map.csv", *catalogue.RAW_FILES):
        (tmp_path / name).write_bytes((catalogue.SOURCES_DIR / name).read_bytes())
    fixes = (catalogue.SOURCES_DIR / "koreksi_impor.csv").read_text(encoding="utf-8")
    fixes += "k99,sourced_figures_2.csv,131,tolak,,Uji: angka dua kecamatan bukan angka kabupaten.\n"
    (tmp_path / "koreksi_impor.csv").write_text(fixes, encoding="utf-8")
    monkeypatch.setattr(catalogue, "SOURCES_DIR", tmp_path)
    for cached in (catalogue.sources, catalogue.corrections, catalogue.program_map):
        cached.cache_clear()
    try:
        report = sourced_report.import_report()
        table = sourced.import_sourced()
    finally:
        for cached in (catalogue.sources, catalogue.corrections, catalogue.program_map):
            cached.cache_clear()
    row = report[(report.berkas == "sourced_figures_2.csv") & (report.baris == 131)].iloc[0]
    assert row.status == "ditolak" and row.alasan.startswith("Uji: angka dua kecamatan")
    assert "sourced_figures_2.csv:131" not in set(table.origin)
    assert len(report) == len(sourced.load_raw())

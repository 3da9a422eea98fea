"""The import report: what became of every raw row of the published-figure files, and the counts.

``data/sources/laporan_impor.csv`` is generated (``python -m dashboard.data sources --tulis``) and
checked by the tests to equal what :func:`import_report` gives today, so it never goes stale. Each raw
row appears exactly once with ``status``:

* ``ditampilkan``: the displayed figure of its fact;
* ``disimpan``: kept in the statistics but not displayed (another figure of the same fact is), with
  the reason;
* ``ditolak``: not imported, with the reason recorded in ``koreksi_impor.csv``.
"""

from __future__ import annotations

import pandas as pd

from dashboard.data import provenance
from dashboard.data.sourced import import_all, load_raw
from dashboard.settings import SOURCES_DIR

REPORT_FILE = SOURCES_DIR / "laporan_impor.csv"
REPORT_COLUMNS = ["berkas", "baris", "status", "alasan", "fig_id", "indicator", "program", "kode_wilayah",
                  "year", "period", "value", "unit", "source_type"]


def import_report(raw: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per raw row of the published-figure files: displayed, kept (with reason) or refused."""
    raw = load_raw() if raw is None else raw
    imported = import_all(raw)
    table = imported.table.set_index("origin")
    refused = dict(zip(imported.refused.origin, imported.refused.alasan, strict=True))
    rows = []
    for r in raw.itertuples(index=False):
        origin = f"{r.berkas}:{r.baris}"
        out = {"berkas": r.berkas, "baris": int(r.baris)}
        if origin in refused:
            out.update(status="ditolak", alasan=refused[origin], indicator=r.indicator, kode_wilayah=r.kode_wilayah,
                       year=r.year, value=r.value, unit=r.unit)
        else:
            fig = table.loc[origin]
            status = "ditampilkan" if fig.displayed else "disimpan"
            out.update(status=status, alasan=fig.conflict_note, fig_id=fig.fig_id, indicator=fig.indicator,
                       program=fig.program, kode_wilayah=fig.kode_wilayah,
                       year="" if pd.isna(fig.year) else int(fig.year), period=fig.period,
                       value=f"{fig.value:.15g}", unit=fig.unit, source_type=fig.source_type)
        rows.append(out)
    return pd.DataFrame(rows).reindex(columns=REPORT_COLUMNS).fillna("")


def report_text(report: pd.DataFrame | None = None) -> str:
    """The report as the exact CSV text committed to ``laporan_impor.csv``."""
    report = import_report() if report is None else report
    return report.to_csv(index=False, lineterminator="\n")


def write_report() -> int:
    """Rewrite ``laporan_impor.csv`` and its provenance file; returns the number of rows."""
    report = import_report()
    REPORT_FILE.write_text(report_text(report), encoding="utf-8")
    provenance.refresh(
        REPORT_FILE, title="Laporan impor angka terbit: nasib setiap baris berkas sumber",
        source="Dibangkitkan dari data/sources/sourced_figures*.csv oleh dashboard/data/sourced_report.py",
        source_url="", licence="CC BY 4.0", date_of_data="2013-2025", retrieved="2026-12-01",
        update_cadence="setiap kali berkas sumber, katalog atau koreksi berubah",
        derivation="python -m dashboard.data sources --tulis (diuji sama dengan hasil impor terkini)",
        status="resmi")
    return len(report)


def counts(report: pd.DataFrame | None = None) -> dict[str, pd.Series]:
    """Totals for the README: rows per file and status, displayed per source type and per indicator."""
    report = import_report() if report is None else report
    shown = report[report.status == "ditampilkan"]
    per_file = report.groupby(["berkas", "status"]).size().unstack(fill_value=0)
    per_file["jumlah"] = per_file.sum(axis=1)
    return {
        "per_berkas": per_file,
        "ditampilkan_per_jenis_sumber": shown.groupby("source_type").size().sort_values(ascending=False),
        "ditampilkan_per_indikator": shown.groupby("indicator").size().sort_values(ascending=False),
        "status": report.groupby("status").size(),
    }


def counts_text() -> str:
    """The counts as plain text (what ``python -m dashboard.data sources`` prints)."""
    parts = []
    for name, table in counts().items():
        parts.append(f"== {name.replace('_', ' ')}\n{table.to_string()}")
    return "\n\n".join(parts)


README_MARKERS = ("<!-- sources-table:start -->", "<!-- sources-table:end -->")
_TYPE_NAMES = {"dokumen_resmi": "official document", "berita": "news report quoting an official",
               "sekunder": "secondary source (aggregator)"}


def readme_table(report: pd.DataFrame | None = None) -> str:
    """The README's table of what became of every raw row (generated; a test compares it)."""
    c = counts(report)
    per_file = c["per_berkas"]
    lines = ["| file | displayed | kept, not displayed | refused | rows |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, row in per_file.iterrows():
        lines.append(f"| `{name}` | {row.get('ditampilkan', 0)} | {row.get('disimpan', 0)} | {row.get('ditolak', 0)} "
                     f"| {row['jumlah']} |")
    total = per_file.sum()
    lines.append(f"| all | {total.get('ditampilkan', 0)} | {total.get('disimpan', 0)} | {total.get('ditolak', 0)} "
                 f"| {total['jumlah']} |")
    types = "; ".join(f"{_TYPE_NAMES.get(k, k)} {v}" for k, v in c["ditampilkan_per_jenis_sumber"].items())
    indicators = c["ditampilkan_per_indikator"]
    lines += ["", f"Displayed figures by type of source: {types}. They cover {len(indicators)} indicators "
                  f"({', '.join(f'`{k}` {v}' for k, v in indicators.head(6).items())}, ...)."]
    return "\n".join(lines)


def with_readme_table(readme: str, report: pd.DataFrame | None = None) -> str:
    """``readme`` with the text between :data:`README_MARKERS` replaced by :func:`readme_table`."""
    start, end = README_MARKERS
    head, rest = readme.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{readme_table(report)}\n{end}{tail}"

"""PSKS counts from the statistics table: people by type, type x kab/kota, published figures."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data.schema import with_defaults
from dashboard.viewmodel import psks as psks_stats


def fig(program: str, code: str, year: int | None, value: float, status: str = "contoh", unit: str = "orang",
        displayed: bool = True, note: str = "") -> dict:
    return {
        "fig_id": f"f{program}{code}{year}{status}"[:40].lower().replace("_", "-"), "indicator": "jumlah_psks",
        "program": program, "kode_wilayah": code, "year": year, "period": "", "value": float(value), "unit": unit,
        "unit_asli": unit, "precision": None, "status": status, "source_title": f"sumber {status}",
        "source_url": "", "source_date": "", "quote": "", "note": note, "displayed": displayed,
        "conflict_note": "",
    }


def stats(rows: list[dict]) -> pd.DataFrame:
    frame = with_defaults(pd.DataFrame(rows))
    frame["year"] = frame["year"].astype("Int64")
    return frame


STATS = stats([
    fig("TAGANA", "36", 2021, 900), fig("TAGANA", "3601", 2021, 217, "resmi"), fig("TAGANA", "3602", 2021, 90),
    fig("PSM", "36", 2021, 4000), fig("PSM", "3601", 2021, 700),
    fig("KARANG_TARUNA", "36", 2021, 1500, unit="organisasi"),
    fig("TAGANA", "36", None, 1286, "resmi", note="Tahun tidak disebut di sumber."),
    fig("TAGANA", "3601", 2021, 200, "resmi", displayed=False),  # a conflicting duplicate, not shown
    fig("TKSK", "36", 2020, 150),
])


def test_years_are_the_displayed_years() -> None:
    assert psks_stats.years(STATS) == [2020, 2021]


def test_people_by_type_leaves_organisations_out_and_takes_one_series_per_type() -> None:
    people = psks_stats.people_by_type(STATS, 2021)
    # Tagana 2021 has a published series (Pandeglang only) and a DATA CONTOH series: the published one
    # is shown, and it has no province figure; the DATA CONTOH 900 is never mixed in.
    assert dict(zip(people["kode_wilayah"], people["value"], strict=True)) == {"PSM": 4000.0}
    contoh_only = STATS[STATS["status"] == "contoh"]
    people = psks_stats.people_by_type(contoh_only, 2021)
    assert dict(zip(people["kode_wilayah"], people["value"], strict=True)) == {"TAGANA": 900.0, "PSM": 4000.0}


def test_type_by_kabkota_table_and_download() -> None:
    table, download = psks_stats.type_by_kabkota(STATS, 2021)
    tagana = table.set_index("jenis").loc["Taruna Siaga Bencana (Tagana)"]
    # One series per row, never a mix of statuses: the published Tagana series only.
    assert (tagana["Kab. Pandeglang"], tagana["Kab. Lebak"], tagana["Banten"]) == ("217", "tidak ada data",
                                                                                   "tidak ada data")
    assert tagana["status"] == "resmi"
    assert table.set_index("jenis").at["Pekerja Sosial Masyarakat (PSM)", "status"] == "contoh"
    assert "Tenaga Kesejahteraan Sosial Kecamatan (TKSK)" not in set(table["jenis"])  # no 2021 figure
    # The long download keeps raw values and marks every demonstration row.
    assert len(download) == 4
    marked = download.set_index(["jenis_psks", "kode_wilayah"])
    assert marked.at[("TAGANA", "3601"), "value"] == 217.0
    assert marked.at[("TAGANA", "3601"), "keterangan"] == ""
    assert marked.at[("PSM", "3601"), "keterangan"].startswith("DATA CONTOH")


def test_published_figures_include_undated_ones() -> None:
    published = psks_stats.published_figures(STATS)
    assert sorted(published["tahun"]) == ["2021", "2021", "tanpa tahun"]
    assert "1.286 orang" in set(published["nilai"])
    assert published.loc[published["tahun"] == "tanpa tahun", "catatan"].iloc[0] == "Tahun tidak disebut di sumber."


@pytest.mark.parametrize("lang", ["id", "en"])
def test_overview_has_figure_sentence_and_csv(lang: str) -> None:
    view = psks_stats.overview(STATS, 2021, lang, "1 Desember 2025")
    assert not view.people.empty
    assert "PSM" in view.sentence
    assert view.csv.startswith(b"\xef\xbb\xbf")
    assert view.table_status == "campuran"  # the table holds a published row and a DATA CONTOH row


def test_overview_of_a_year_without_people() -> None:
    view = psks_stats.overview(STATS, 2019, "id", "")
    assert view.people.empty
    assert view.table.empty

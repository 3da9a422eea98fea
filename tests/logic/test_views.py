"""View models: the download is safe to open in a spreadsheet, and the map view's table equals an
independent pandas computation on a small statistics frame."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from dashboard.data import reference
from dashboard.logic import derive, views
from tests.foundation.statframe import stat_frame

KAB = reference.kabkota()[["kode_bps", "nama_singkat"]].rename(columns={"kode_bps": "kode_wilayah"})


def read_csv(data: bytes) -> pd.DataFrame:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM so Excel reads the accents right"
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype={"kode_wilayah": str})


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@x", "'@x"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Kab. Lebak", "Kab. Lebak"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_safe_cell_neutralises_formulas(text, safe):
    assert views.safe_cell(text) == safe


def test_csv_neutralises_text_but_keeps_numbers_numeric():
    frame = pd.DataFrame({
        "nama": ["=cmd", "+1", "-2+3", "@x", "Kota Serang"],
        "value": [-5.0, 1.5, 1234567.0, np.nan, 0.0],
        "rank": pd.array([1, 2, None, 4, -1], dtype="Int64"),
    })
    lines = views.csv_bytes(frame).decode("utf-8-sig").splitlines()
    assert lines[0] == "nama,value,rank"
    assert lines[1] == "'=cmd,-5.0,1"
    assert lines[2] == "'+1,1.5,2"
    assert lines[3] == "'-2+3,1234567.0,"
    assert lines[4] == "'@x,,4"
    assert lines[5] == "Kota Serang,0.0,-1"
    back = read_csv(views.csv_bytes(frame))
    assert back["value"].tolist()[:3] == [-5.0, 1.5, 1234567.0]  # raw numbers, no grouping


def test_contoh_rows_are_labelled_in_downloads():
    frame = pd.DataFrame({"status": ["resmi", "contoh", ""]})
    labelled = views.label_contoh(frame)
    assert labelled["keterangan"].tolist() == ["", views.CONTOH_LABEL, ""]
    assert "DATA CONTOH" in views.CONTOH_LABEL


VALUES = {"3601": 470.0, "3602": 235.0, "3603": 420.0, "3604": 420.0, "3671": 650.0, "3672": 225.0}
PEOPLE = {"3601": 1_272_687, "3602": 1_386_793, "3603": 3_245_619, "3604": 1_622_630, "3671": 1_895_486,
          "3672": 434_896, "3673": 692_101, "3674": 1_354_350}


@pytest.fixture()
def stats() -> pd.DataFrame:
    rows = [{"kode_wilayah": c, "value": v} for c, v in VALUES.items()]
    rows.append({"kode_wilayah": "3673", "value": 150.0, "status": "contoh", "source_title": "Data contoh"})
    rows.append({"kode_wilayah": "3601", "value": 999.0, "displayed": False})  # a hidden duplicate
    rows.append({"kode_wilayah": "3602", "value": 1.0, "year": 2021})
    rows += [{"indicator": "jumlah_penduduk_sp2020", "program": "", "kode_wilayah": c, "year": 2020,
              "value": float(v), "unit": "jiwa"} for c, v in PEOPLE.items()]
    return stat_frame(rows)


def expected_table(stats: pd.DataFrame, per: int | None) -> pd.DataFrame:
    """The map table computed directly with pandas, without dashboard.logic.derive."""
    figures = stats[(stats.indicator == "penerima") & (stats.program == "UEP") & (stats.year == 2022)
                    & stats.displayed & (stats.kode_wilayah.str.len() == 4)]
    out = KAB.merge(figures[["kode_wilayah", "value", "status"]], on="kode_wilayah", how="left")
    measure = out["value"]
    if per:
        out["penduduk"] = out["kode_wilayah"].map(PEOPLE).astype(float)
        measure = out["rate"] = out["value"] / out["penduduk"] * per
    out["rank"] = measure.rank(ascending=False, method="min")
    return out


@pytest.mark.parametrize(("measure", "per"), [("count", None), ("rate_1000", 1000), ("rate_10000", 10000)])
def test_map_view_table_equals_pandas(stats, measure, per):
    pop = derive.population(stats, "sp2020")
    view = views.map_view(stats, "penerima", "UEP", 2022, "kabkota", measure, "quantiles", None, "id", pop,
                          None, "5 Maret 2024")
    table, expected = view["table"], expected_table(stats, per)
    assert table["kode_wilayah"].tolist() == expected["kode_wilayah"].tolist()
    np.testing.assert_array_equal(table["value"].to_numpy(dtype=float), expected["value"].to_numpy(dtype=float))
    if per:
        np.testing.assert_allclose(table["rate"].to_numpy(dtype=float), expected["rate"].to_numpy(dtype=float))
    assert [None if pd.isna(r) else int(r) for r in table["rank"]] == \
        [None if pd.isna(r) else int(r) for r in expected["rank"]]
    assert table["status"].fillna("").tolist() == expected["status"].fillna("").tolist()
    assert view["status"] == "campuran" and view["fig_map"] is None and view["fig_bar"] is not None
    assert view["value_col"] == ("rate" if per else "value")


def test_map_view_download_keeps_raw_numbers_and_labels_contoh(stats):
    pop = derive.population(stats, "sp2020")
    view = views.map_view(stats, "penerima", "UEP", 2022, "kabkota", "count", "quantiles", None, "id", pop, None, "")
    download = read_csv(view["csv"])
    assert download["value"].tolist()[:2] == [470.0, 235.0]
    contoh = download[download.status == "contoh"]
    assert contoh["kode_wilayah"].tolist() == ["3673"]
    assert contoh["keterangan"].str.contains("DATA CONTOH").all()
    assert download.loc[download.status == "resmi", "keterangan"].isna().all()


def test_map_view_sentence_names_the_extremes_and_the_gaps(stats):
    pop = derive.population(stats, "sp2020")
    view = views.map_view(stats, "penerima", "UEP", 2022, "kabkota", "count", "quantiles", None, "id", pop, None, "")
    names = dict(zip(KAB.kode_wilayah, KAB.nama_singkat, strict=True))
    assert f"Tertinggi: {names['3671']} (650" in view["sentence"]
    assert f"terendah: {names['3673']} (150" in view["sentence"]
    assert "1 dari 8 wilayah bertanda DATA CONTOH" in view["sentence"]
    assert "1 wilayah tidak ada data" in view["sentence"]


def test_rate_is_not_offered_for_kecamatan(stats):
    pop = derive.population(stats, "sp2020")
    view = views.map_view(stats, "penerima", "UEP", 2022, "kecamatan", "rate_1000", "quantiles", "3601", "id",
                          pop, None, "")
    assert view["rate_unavailable"] is True and view["value_col"] == "value"


def test_trend_view_table_and_sentence(stats):
    view = views.trend_view(stats, "penerima", "UEP", ["3602"], "id", "")
    assert view["table"]["year"].tolist() == [2021, 2022]
    assert view["table"]["value"].tolist() == [1.0, 235.0]
    assert "naik 23.400,0% dari 2021" in view["sentence"]
    assert read_csv(view["csv"])["change_pct"].iloc[1] == pytest.approx(23400.0)

"""AppTest of Beranda, Peta, Tren, Wilayah and the entry point: each renders, reacts to its filters,
shows numbers equal to an independent pandas computation, handles bad URLs and empty states."""

from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.data import release
from dashboard.settings import REPO_ROOT
from tests.ocr import read_png
from tests.views.apptest_tools import assert_no_error

VIEWS = REPO_ROOT / "dashboard" / "views"

TIMEOUT = 60


@pytest.fixture()
def env(releases_dir):
    """This test's copy of the default release (built once per session by tests/views/conftest.py)."""
    return releases_dir


def stats(root) -> pd.DataFrame:
    return release.load_newest_good(root).release.statistics


def run(page: str, **params) -> AppTest:
    at = AppTest.from_file(str(VIEWS / f"{page}.py"), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert_no_error(at)
    return at


def plotly_specs(at: AppTest) -> list[dict]:
    # from_json decodes Plotly's typed arrays ({"dtype", "bdata"}) back into numbers.
    return [json.loads(el.proto.spec, object_hook=_typed_array) for el in at.get("plotly_chart")]


def map_specs(at: AppTest) -> list[dict]:
    """What each tappable map (the region-map component) was asked to draw."""
    return [json.loads(el.proto.json_args)["spec"] for el in at.get("component_instance")
            if el.proto.component_name.endswith(".regionmap")]


def _typed_array(obj: dict):
    if set(obj) >= {"dtype", "bdata"}:
        return np.frombuffer(base64.b64decode(obj["bdata"]), dtype=obj["dtype"]).tolist()
    return obj


def bar_values(at: AppTest) -> dict[str, float]:
    """Bar length per region name; regions without data (drawn at 0, labelled) are left out."""
    for spec in plotly_specs(at):
        for trace in spec["data"]:
            if trace.get("type") == "bar":
                return {name: float(x) for name, x, label in zip(trace["y"], trace["x"], trace["text"], strict=True)
                        if label not in ("tidak ada data", "no data")}
    raise AssertionError("no bar chart")


def expected_kabkota(root, indicator, program, year, unit=None) -> dict[str, float]:
    s = stats(root)
    rows = s[s.displayed & (s.indicator == indicator) & (s.program == program) & (s.year == year)
             & (s.kode_wilayah.str.len() == 4) & ((s.unit == unit) if unit else True)]
    names = {"3601": "Kab. Pandeglang", "3602": "Kab. Lebak", "3603": "Kab. Tangerang", "3604": "Kab. Serang",
             "3671": "Kota Tangerang", "3672": "Kota Cilegon", "3673": "Kota Serang", "3674": "Kota Tangerang Selatan"}
    return {names[k]: v for k, v in zip(rows.kode_wilayah, rows.value, strict=True)}


def test_beranda_headlines_are_published_figures(env):
    at = run("beranda")
    s = stats(env)
    jsk = s[s.displayed & (s.indicator == "penerima") & (s.program == "JSK") & (s.kode_wilayah == "36") & s.year.notna()]
    latest = jsk.sort_values("year").iloc[-1]
    shown = " ".join(h.proto.body for h in at.get("html"))
    assert f"{int(latest.value):,}".replace(",", ".") in shown
    assert "DATA CONTOH" not in shown and "Resmi" in shown
    assert len(plotly_specs(at)) == 1  # the featured map's bars
    (spec,) = map_specs(at)  # and the map, every kab/kota a tappable region linking to its profile
    assert sorted(r["kode"] for r in spec["regions"]) == sorted(s[s.kode_wilayah.str.len() == 4].kode_wilayah.unique())
    assert all(r["href"] == f"/wilayah?kode={r['kode']}" and r["d"].startswith("M") for r in spec["regions"])


BLT = "penerima:BLT_BBM:KPM"


def test_peta_bars_equal_pandas_and_follow_the_year(env):
    at = run("peta", seri="persentase_penduduk_miskin::persen", tahun="2023")
    assert bar_values(at) == pytest.approx(expected_kabkota(env, "persentase_penduduk_miskin", "", 2023, "persen"))
    at.selectbox(key="peta-tahun").set_value(2024).run()
    assert bar_values(at) == pytest.approx(expected_kabkota(env, "persentase_penduduk_miskin", "", 2024, "persen"))
    assert at.query_params["tahun"] in ("2024", ["2024"])


def test_peta_rate_per_1000_names_its_denominator_and_equals_pandas(env):
    at = run("peta", seri=BLT, tahun="2022", ukuran="rate_1000")
    spec = plotly_specs(at)[-1]
    title = spec["layout"]["title"]["text"]
    s = stats(env)
    # Independently: the published population series covering all eight kab/kota nearest to 2022.
    people = s[s.displayed & s.indicator.str.startswith("jumlah_penduduk") & (s.kode_wilayah.str.len() == 4)]
    complete = people.groupby(["indicator", "unit", "period", "year"]).filter(lambda g: g.kode_wilayah.nunique() == 8)
    nearest = int(complete.year.iloc[(complete.year - 2022).abs().argsort().iloc[0]])
    assert f"penduduk tahun {nearest}, bukan 2022" in title or nearest == 2022
    chosen = complete[complete.year == nearest]
    source = {"jumlah_penduduk_dukcapil": "Dukcapil", "jumlah_penduduk_sp2020": "Sensus Penduduk 2020",
              "jumlah_penduduk_proyeksi_bps": "proyeksi BPS"}
    named = [i for i in chosen.indicator.unique() if source[i] in title]
    assert len(named) == 1, title
    pop = chosen[chosen.indicator == named[0]].set_index("kode_wilayah").value
    counts = expected_kabkota(env, "penerima", "BLT_BBM", 2022)
    code_of = {"Kab. Lebak": "3602", "Kota Cilegon": "3672"}
    bars = bar_values(at)
    for name, code in code_of.items():
        assert bars[name] == pytest.approx(counts[name] / pop[code] * 1000)


def test_peta_kecamatan_level_lists_kecamatan_of_one_kabkota(env, monkeypatch):
    monkeypatch.setenv("DASHBOARD_MODE", "contoh")  # only the demonstration data has kecamatan series
    at = run("peta", seri="penerima:JSLU~contoh", tahun="2024", tingkat="kecamatan", kab="3673")
    assert len(bar_values(at)) == 6  # Kota Serang has 6 kecamatan
    assert "DATA CONTOH" in " ".join(h.proto.body for h in at.get("html"))


@pytest.mark.parametrize("params", [{"seri": "<script>alert(1)</script>"}, {"tahun": "1800"},
                                    {"tingkat": "desa"}, {"ukuran": "x" * 500}, {"lang": "fr"}])
def test_peta_bad_parameters_fall_back_with_a_notice(env, params):
    at = run("peta", **params)
    assert any("tidak dikenal" in i.value or "unknown" in i.value for i in at.info)
    assert plotly_specs(at)


def test_peta_shows_no_data_state(env):
    at = run("peta", seri="penerima:BLT_BBM", tahun="2022", tingkat="kabkota")
    assert plotly_specs(at)  # BLT BBM 2022 is fully published: map and bars exist
    s = stats(env)
    assert (s[(s.program == "BLT_BBM") & (s.kode_wilayah.str.len() == 4)].status == "resmi").all()


def test_tren_chart_has_one_line_per_region_and_empty_state(env):
    at = run("tren", seri="penerima:JSLU", wil="36,3601,3602")
    lines = [t for spec in plotly_specs(at) for t in spec["data"] if t.get("type") == "scatter"]
    assert sorted(t["name"] for t in lines) == ["Kab. Lebak", "Kab. Pandeglang", "Provinsi Banten"]
    at.multiselect(key="tren-wil").set_value([]).run()
    assert any("setidaknya" in i.value for i in at.info)


def test_wilayah_profile_ranks_match_pandas(env):
    at = run("wilayah", kode="3602")
    assert at.title[0].value == "Kab. Lebak"
    s = stats(env)
    kab = s[s.displayed & (s.indicator == "penerima") & (s.program == "BLT_BBM") & (s.kode_wilayah.str.len() == 4)]
    latest = kab[kab.year == kab.year.max()].set_index("kode_wilayah").value
    rank = int(latest.rank(ascending=False, method="min")["3602"])
    frames = [df.value for df in at.dataframe]
    table = next(f for f in frames if f.iloc[:, 0].str.contains("BLT BBM").any())
    row = table[table.iloc[:, 0].str.contains("BLT BBM")].iloc[0]
    assert row["Peringkat"] == f"{rank} dari 8"


def test_entry_point_renders_default_page(env):
    at = AppTest.from_file(str(REPO_ROOT / "dashboard" / "app.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    assert at.title[0].value.startswith("Dasbor")


def test_entry_point_without_release_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_RELEASES_DIR", str(tmp_path / "none"))
    at = AppTest.from_file(str(REPO_ROOT / "dashboard" / "app.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    assert any("belum diterbitkan" in e.value for e in at.error)


def test_corrupt_newest_release_serves_last_good_with_notice(env):
    first = release.current_id(env)
    served = release.load_newest_good(env).release
    second = release.publish(served.statistics, served.roster, "second", env)
    (env / second / "statistik.csv").write_text("half-written", encoding="utf-8")
    at = run("beranda")
    assert any(first in w.value for w in at.warning), [w.value for w in at.warning]
    assert len(plotly_specs(at)) == 1 and len(map_specs(at)) == 1


def test_missing_boundaries_show_tables_with_a_notice(env, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_GEO_DIR", str(tmp_path / "no-geo"))
    at = run("peta", seri="penerima:UEP", tahun="2022")
    assert any("Batas wilayah belum terpasang" in i.value for i in at.info)
    assert len(plotly_specs(at)) == 1 and map_specs(at) == []  # the ranked bars remain
    assert bar_values(at) == pytest.approx(expected_kabkota(env, "penerima", "UEP", 2022))


def _png(downloads) -> bytes:
    pictures = [d for d in downloads if d.file_name.endswith(".png")]
    assert pictures, [d.file_name for d in downloads]
    return pictures[-1].data


def test_peta_serves_a_png_that_names_its_title_source_and_date(env, downloads):
    """The bytes the page serves, read by OCR as a person reads them (not a picture rebuilt here)."""
    import io

    import matplotlib.image as mpimg

    run("peta", seri=BLT, tahun="2022")
    data = _png(downloads)
    assert mpimg.imread(io.BytesIO(data), format="png").shape[:2] == (675, 1200)
    text = read_png(data)
    s = stats(env)
    source = s[s.displayed & (s.program == "BLT_BBM") & (s.kode_wilayah.str.len() == 4)]["source_title"].iloc[0]
    assert "(BLT BBM)" in text and "Resmi" in text and "Data per" in text  # the whole title, not cut
    assert source.split()[0] in text and "lihat tabel" not in text


def test_tren_serves_a_png_with_source_and_status_inside(env, downloads):
    run("tren", seri="persentase_penduduk_miskin::persen", wil="3601,3602")
    text = read_png(_png(downloads))
    assert "Persentase penduduk miskin" in text and "Resmi" in text and "Data per" in text
    assert "DATA CONTOH" not in text


def test_tren_legend_speaks_of_the_status_shown(env):
    """A series is one status: on the official site the note under the chart does not explain DATA CONTOH."""
    captions = " ".join(c.value for c in run("tren").caption)
    assert "Semua titik adalah angka resmi." in captions
    assert "DATA CONTOH" not in captions

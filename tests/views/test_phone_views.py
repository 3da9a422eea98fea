"""What the phone work added to the pages, through AppTest: the language kept when a link drops it,
the tapped kecamatan's figures, the roster cards and the one-region list of PSKS counts."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.data import reference
from dashboard.data.roster import HIDDEN_NAME
from dashboard.logic import derive
from dashboard.logic.figtext import value_text
from dashboard.logic.series import SeriesKey
from dashboard.settings import REPO_ROOT
from dashboard.text.i18n import t
from dashboard.ui import blocks, roster
from tests.views.apptest_tools import assert_no_error, page_text

KEC_SERIES = "penerima:JSLU:orang~contoh"
EVIL = "<img src=x onerror=alert(1)>"


def test_english_is_kept_when_a_link_drops_lang(releases_dir, geo_dir):
    at = AppTest.from_file(str(REPO_ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert_no_error(at)
    assert at.title[0].value == t("common.app_title", "en")
    at.query_params.clear()  # a link without ?lang=, as Streamlit's page links and switch_page make
    at.switch_page("views/peta.py").run()
    assert_no_error(at)
    assert at.title[0].value == t("peta.title", "en")
    assert at.query_params["lang"] == "en"  # and the address says so again


@pytest.fixture()
def demo_mode(monkeypatch):
    monkeypatch.setenv("DASHBOARD_MODE", "contoh")


def test_a_tapped_kecamatan_shows_its_figures_and_its_volunteers(run_page, served_release, demo_mode):
    from dashboard.data import demo

    kec = "3602021"
    at = run_page("peta", seri=KEC_SERIES, tahun="2025", tingkat="kecamatan", kab="3602", kec=kec)
    assert_no_error(at)
    name = reference.kecamatan().set_index("kode_bps").at[kec, "nama"]
    assert t("peta.kec_heading", "id", name=name, kab="Kab. Lebak") in [s.value for s in at.subheader]
    stats = demo.with_demo(served_release).statistics
    row = derive.slice_regions(stats, SeriesKey.from_code(KEC_SERIES), 2025, "kecamatan", "3602")
    row = row[row["kode_wilayah"] == kec].iloc[0]
    panel = page_text(at)
    assert value_text(row, "id") in panel  # the figure as published, equal to an independent slice
    assert f"kec={kec}" in panel and "kab=3602" in panel  # the link to its PSKS volunteers
    assert at.query_params["kec"] == kec


def test_a_kecamatan_from_another_kabkota_is_dropped_quietly(run_page, demo_mode):
    at = run_page("peta", seri=KEC_SERIES, tahun="2025", tingkat="kecamatan", kab="3601", kec="3602021")
    assert_no_error(at)
    assert not any("kec" in i.value for i in at.info)  # no "unknown choice" notice
    assert "kec" not in at.query_params


def test_roster_cards_show_every_field_as_text():
    shown = pd.DataFrame({t(f"psks.col_{c}", "en"): [v] for c, v in {
        "nama": EVIL, "jenis": "Community social workers (PSM)", "kabkota": "Kab. Lebak", "kecamatan": "Cihara",
        "desa": "Ciparahu", "status": "Active", "masa_tugas": "March 2022 – March 2027", "sk": "SK 1 · 1 March 2022",
    }.items()})
    cards = roster.roster_cards(shown, "en")
    assert EVIL not in cards and "&lt;img src=x onerror=alert(1)&gt;" in cards
    for text in ("Community social workers (PSM)", "Ciparahu, Kecamatan Cihara, Kab. Lebak", "Status: Active",
                 "March 2022 – March 2027", "SK 1 · 1 March 2022"):
        assert text in cards


def test_english_roster_shows_a_withheld_name_in_english(run_page, demo_mode):
    at = run_page("psks", lang="en", kab="3602", kec="3602021")
    assert_no_error(at)
    cards = "".join(h.proto.body for h in at.get("html") if "roster-card" in h.proto.body)
    assert HIDDEN_NAME not in cards and t("psks.name_withheld", "en") in cards


def test_counts_by_type_list_the_chosen_regions_column():
    table = pd.DataFrame({"jenis": ["TKSK", "Karang Taruna"], "satuan": ["orang", "organisasi"],
                          "Kab. Lebak": ["28", "320"], "Kota Serang": ["5", "63"], "Banten": ["151", "1.442"],
                          "status": ["resmi", "contoh"]})
    lebak = blocks.type_counts(table, "3602", "en")
    assert "28 people" in lebak and "320 organisations" in lebak and "151" not in lebak
    assert "DATA CONTOH" in lebak  # the status of each line
    province = blocks.type_counts(table, "", "id")
    assert "151 orang" in province and "1.442 organisasi" in province


def test_the_map_spec_sent_to_the_browser_is_plain_json(run_page):
    at = run_page("beranda")
    (element,) = [el for el in at.get("component_instance") if el.proto.component_name.endswith(".regionmap")]
    spec = json.loads(element.proto.json_args)["spec"]
    assert {r["kode"] for r in spec["regions"]} == set(reference.kabkota()["kode_bps"])
    assert spec["hint"] == t("peta.tap_hint", "id")

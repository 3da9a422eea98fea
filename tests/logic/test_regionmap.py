"""The tappable kab/kota map's data: whole regions as SVG paths, provenance, classes, plain-text names."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from dashboard.logic import charts, classify, regionmap
from dashboard.text.i18n import t

EVIL = "<img src=x onerror=alert(1)>"


def square(x: float, code: str, hole: bool = False) -> dict:
    rings = [[[x, 0.0], [x + 1, 0.0], [x + 1, 1.0], [x, 1.0], [x, 0.0]]]
    if hole:
        rings.append([[x + 0.4, 0.4], [x + 0.6, 0.4], [x + 0.6, 0.6], [x + 0.4, 0.6], [x + 0.4, 0.4]])
    return {"type": "Feature", "properties": {"kode": code}, "geometry": {"type": "Polygon", "coordinates": rings}}


LAYER = {"type": "FeatureCollection", "features": [square(0, "3601"), square(2, "3602", hole=True), square(4, "3603")]}


def frame(names=("Kab. Pandeglang", "Kab. Lebak", "Kab. Tangerang"), statuses=("resmi", "resmi", "resmi")):
    return pd.DataFrame({"kode_wilayah": ["3601", "3602", "3603"], "nama": list(names), "value": [470.0, np.nan, 420.0],
                         "value_text": ["470 KPM", "tidak ada data", "420 KPM"], "status": list(statuses)})


def meta(status="resmi", lang="id"):
    return charts.FigureMeta("Jumlah penerima — UEP", "KPM", "2022", "Antara Banten, 8 November 2022", status,
                             "5 Maret 2024", lang)


def build(data=None, status="resmi", lang="id"):
    data = frame() if data is None else data
    classes = classify.classify(data["value"], "quantiles", lang=lang)
    projected = regionmap.project(charts.outlines(LAYER, "kode"))
    return regionmap.payload(data, projected, classes, meta(status, lang), "value",
                             lambda code: f"/wilayah?kode={code}", "Ketuk wilayah")


def test_every_region_is_one_closed_path_in_the_view_box():
    projected = regionmap.project(charts.outlines(LAYER, "kode"))
    assert projected.width == regionmap.VIEW_WIDTH and 0 < projected.height < projected.width
    assert projected.paths["3602"].count("M") == 2  # outer ring and hole: the hole is not a target
    for d in projected.paths.values():
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
        assert d.startswith("M") and d.endswith("Z")
        assert min(numbers) >= 0 and max(numbers[0::2]) <= projected.width
    # x grows with longitude: Pandeglang's square lies left of Tangerang's
    first_x = {code: float(re.match(r"M([\d.]+)", d).group(1)) for code, d in projected.paths.items()}
    assert first_x["3601"] < first_x["3602"] < first_x["3603"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_map_states_title_unit_period_source_status_and_date(lang):
    spec = build(lang=lang)
    assert spec["title"] == "Jumlah penerima — UEP" and spec["subtitle"] == "KPM · 2022"
    footer = " ".join(spec["footer"])
    assert f"{t('common.source', lang)}: Antara Banten, 8 November 2022" in footer
    assert f"{t('common.status', lang)}: {t('common.status_resmi', lang)}" in footer
    assert t("common.data_per", lang, date="5 Maret 2024") in footer


@pytest.mark.parametrize(("statuses", "status", "marked"), [
    (("resmi",) * 3, "resmi", False), (("contoh",) * 3, "contoh", True), (("resmi", "resmi", "contoh"), "campuran", True)])
def test_data_contoh_is_marked_exactly_when_shown(statuses, status, marked):
    spec = build(frame(statuses=statuses), status)
    assert (spec["contoh"] == "DATA CONTOH") is marked
    assert ("DATA CONTOH" in json.dumps(spec)) is marked


def test_regions_carry_code_link_class_colour_and_what_they_say():
    spec = build()
    regions = {r["kode"]: r for r in spec["regions"]}
    assert {code: r["href"] for code, r in regions.items()} == {c: f"/wilayah?kode={c}" for c in ("3601", "3602", "3603")}
    assert regions["3602"]["fill"] == classify.NO_DATA_COLOR
    assert regions["3601"]["fill"] != regions["3603"]["fill"]  # two classes
    assert regions["3601"]["tip"] == ["Kab. Pandeglang", "470 KPM", "Status: Resmi"]
    assert regions["3602"]["tip"] == ["Kab. Lebak", "tidak ada data"]
    assert {"color": classify.NO_DATA_COLOR, "label": "tidak ada data"} in spec["legend"]


def test_a_region_without_an_outline_is_left_to_the_bars_and_table():
    data = pd.concat([frame(), pd.DataFrame({"kode_wilayah": ["3699"], "nama": ["X"], "value": [1.0],
                                             "value_text": ["1 KPM"], "status": ["resmi"]})])
    assert [r["kode"] for r in build(data)["regions"]] == ["3601", "3602", "3603"]


def test_names_stay_plain_text_for_the_component_to_set_as_text():
    """The component writes names with textContent; the data must not pre-escape them (the visitor
    would read "&lt;") nor carry them anywhere as markup."""
    spec = build(frame(names=(EVIL, "Kab. Lebak", "Kab. Tangerang")))
    assert spec["regions"][0]["tip"][0] == EVIL
    js = (regionmap.__file__.replace("logic/regionmap.py", "ui/regionmap/regionmap.js"))
    source = open(js, encoding="utf-8").read()
    assert "innerHTML" not in source and "insertAdjacentHTML" not in source and "eval(" not in source

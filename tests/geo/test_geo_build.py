"""The build pipeline on the synthetic village files (the real layers: test_geo_committed, test_geo_rebuild)."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import shapely
from geo_testdata import MINI_SOURCES

from dashboard.geo.build import KECAMATAN_PROPERTIES, PRECISION, build_layers, read_villages
from dashboard.geo.geojson import layer_to_bytes
from dashboard.geo.verify import verify_layers


def _rings(geometry: dict):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for polygon in polygons:
        yield True, polygon[0]
        for hole in polygon[1:]:
            yield False, hole


def test_geojson_output_is_rfc7946(mini_build):
    kab, kec = mini_build
    # make one ring clockwise on purpose: the writer must fix the orientation
    kec = kec.copy()
    kec.loc[0, "geometry"] = shapely.orient_polygons(kec.geometry.iloc[0], exterior_cw=True)
    data = json.loads(layer_to_bytes(kec, KECAMATAN_PROPERTIES, PRECISION, id_property="kode"))
    assert "crs" not in data and data["type"] == "FeatureCollection"
    assert [f["id"] for f in data["features"]] == list(kec.kode)
    for feature in data["features"]:
        assert list(feature["properties"]) == KECAMATAN_PROPERTIES
        for exterior, ring in _rings(feature["geometry"]):
            assert shapely.is_ccw(shapely.LinearRing(ring)) == exterior
            assert all(round(v, PRECISION) == v for xy in ring for v in xy)


def test_mini_pipeline(mini_build, mini_reference):
    kab, kec = mini_build
    assert list(kab.kode_bps) == ["3601", "3671"]
    assert list(kec.kode) == ["3601010", "3601020", "3671010"]
    assert list(kec.nama_kabkota) == ["Kabupaten Contoh", "Kabupaten Contoh", "Kota Contoh"]
    dua = kec.set_index("kode").loc["3601020", "geometry"]
    assert shapely.get_num_geometries(dua) == 2  # the 4 ha island stays, the 0.2 ha islet is dropped
    assert verify_layers(kab, kec, mini_reference) == []


def test_read_villages_filters_province_and_accepts_cod_ab_columns(tmp_path):
    villages = read_villages(MINI_SOURCES / "id3601_contoh.geojson")
    assert len(villages) == 4 and villages.kode_kabkota.eq("3601").all()  # the id32 village is dropped
    cod = gpd.GeoDataFrame(
        {
            "ADM2_PCODE": ["ID3601", "ID3201"],
            "ADM3_PCODE": ["ID3601010", "ID3201010"],
            "ADM4_PCODE": ["ID3601010001", "ID3201010001"],
        },
        geometry=[shapely.box(106, -6.2, 106.01, -6.19), shapely.box(107, -6.9, 107.01, -6.89)],
        crs="EPSG:4326",
    )
    path = tmp_path / "cod.geojson"
    cod.to_file(path, driver="GeoJSON", engine="pyogrio")
    read = read_villages(path)
    assert list(read.kode_kecamatan) == ["3601010"] and list(read.kode_desa) == ["3601010001"]
    assert np.allclose(read.total_bounds, [106, -6.2, 106.01, -6.19])


def test_input_order_does_not_change_the_output(mini_build, mini_reference):
    """Villages arriving in another order (files listed differently, features shuffled) give the same bytes."""
    from dashboard.geo.rebuild import read_inputs
    from dashboard.geo.sources import SourceFile

    paths = sorted(MINI_SOURCES.glob("id*.geojson"), reverse=True)
    entries = [SourceFile(p.name, "", "", 0, p.name[2:6]) for p in paths]
    villages = read_inputs(paths, entries, {})
    shuffled = villages.sample(frac=1, random_state=7)
    assert list(villages.kode_desa) == sorted(villages.kode_desa)  # read_inputs sorts by village code
    for ordered in (villages, shuffled.reset_index(drop=True)):
        kab, kec = build_layers(ordered, mini_reference)
        assert layer_to_bytes(kec, KECAMATAN_PROPERTIES, PRECISION) == layer_to_bytes(
            mini_build[1], KECAMATAN_PROPERTIES, PRECISION
        )

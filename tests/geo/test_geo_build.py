"""The build pipeline on the real village file (skipped without it) and on a synthetic fixture."""

from __future__ import annotations

import gzip
import json

import geopandas as gpd
import numpy as np
import shapely
from geo_testdata import MINI_VILLAGES

from dashboard.geo.build import (
    DISPLAY_PRECISION,
    KABKOTA_PROPERTIES,
    KECAMATAN_PROPERTIES,
    PRECISION,
    UTM_CRS,
    build_display,
    read_villages,
)
from dashboard.geo.geojson import layer_to_bytes
from dashboard.geo.verify import verify_layers

EXPECTED_PER_KABKOTA = {
    "3601": 35,
    "3602": 28,
    "3603": 29,
    "3604": 29,
    "3671": 13,
    "3672": 8,
    "3673": 6,
    "3674": 7,
}


def test_real_pipeline_counts_codes_attributes(real_build, reference):
    kab, kec, seconds = real_build
    print(f"pipeline on 1,552 villages: {seconds:.2f} s")
    assert seconds < 30, "the build should take seconds, not minutes"
    assert len(kab) == 8 and len(kec) == 155
    assert set(kab.kode_bps) == set(reference.kabkota.kode_bps)
    assert set(kec.kode) == set(reference.kecamatan.kode_bps)
    assert kec.groupby("kode_bps_kabkota").size().to_dict() == EXPECTED_PER_KABKOTA
    assert list(kab.columns) == [*KABKOTA_PROPERTIES, "geometry"]
    assert list(kec.columns) == [*KECAMATAN_PROPERTIES, "geometry"]
    # joined on codes: BPS and Kemendagri number kecamatan differently (SOURCES.md example)
    pasarkemis = kec.set_index("kode").loc["3603120"]
    assert (pasarkemis.kode_kemendagri, pasarkemis.nama, pasarkemis.nama_kabkota) == (
        "36.03.12",
        "Pasarkemis",
        "Kabupaten Tangerang",
    )
    assert kab.set_index("kode_bps").loc["3671", "nama_singkat"] == "Kota Tangerang"
    assert shapely.is_valid(kab.geometry.values).all() and shapely.is_valid(kec.geometry.values).all()
    assert set(kab.geom_type) | set(kec.geom_type) <= {"Polygon", "MultiPolygon"}
    assert verify_layers(kab, kec, reference) == []


def test_real_layers_tile_and_nest(real_build):
    kab, kec, _ = real_build
    kab_m, kec_m = kab.to_crs(UTM_CRS), kec.to_crs(UTM_CRS)
    for layer in (kab_m, kec_m):
        union = shapely.union_all(layer.geometry.values)
        assert abs(shapely.area(layer.geometry.values).sum() - union.area) < 1.0  # m²: no overlaps
        assert sum(len(p.interiors) for p in shapely.get_parts(union)) == 0  # no gaps inside
        assert shapely.coverage_is_valid(layer.geometry.values)
    parent = dict(zip(kab_m.kode_bps, kab_m.geometry, strict=True))
    outside = [
        shapely.area(shapely.difference(g, parent[p]))
        for g, p in zip(kec_m.geometry, kec_m.kode_bps_kabkota, strict=True)
    ]
    assert max(outside) < 1.0
    total_km2 = kab_m.area.sum() / 1e6
    assert abs(total_km2 - 9353.5) < 10, total_km2  # SOURCES.md: 9,353.5 km² after processing


def test_real_islets_dropped(real_build):
    _, kec, _ = real_build
    parts = kec.geometry.explode(index_parts=False).to_crs(UTM_CRS)
    # nothing near the 32 dropped islets (< 1 ha); simplification may trim a kept island a little
    assert parts.area.min() > 0.5e4
    assert (parts.area < 1e4).sum() <= 2


def test_real_display_layers_are_small_and_valid(real_build, reference):
    kab, kec, _ = real_build
    dkab, dkec = build_display(kab, kec)
    sizes = {}
    for name, layer, props in (
        ("kabkota", dkab, KABKOTA_PROPERTIES),
        ("kecamatan", dkec, KECAMATAN_PROPERTIES),
    ):
        data = layer_to_bytes(layer, props, DISPLAY_PRECISION)
        sizes[name] = len(gzip.compress(data))
    print(f"display gzip sizes: {sizes}")
    assert sizes["kabkota"] < 30_000
    assert sizes["kecamatan"] < 120_000
    assert verify_layers(dkab, dkec, reference, nesting=False) == []
    assert shapely.coverage_is_valid(dkec.geometry.values) and shapely.coverage_is_valid(dkab.geometry.values)


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
    villages = read_villages(MINI_VILLAGES)
    assert len(villages) == 6 and villages.kode_kabkota.str.startswith("36").all()  # id32 village dropped
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

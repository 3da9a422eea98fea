"""Checks every build runs on the boundary layers before anything is written to geo/."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from dashboard.geo.build import KABKOTA_PROPERTIES, KECAMATAN_PROPERTIES, UTM_CRS
from dashboard.geo.reference import Reference, load_reference

#: Absolute area tolerance (m²) for overlaps, gaps and nesting; far below one 1.1 m grid cell per vertex.
AREA_TOLERANCE_M2 = 1.0
_MAX_LISTED = 5


def _short(items) -> str:
    items = sorted(items)
    more = f" (+{len(items) - _MAX_LISTED} lainnya)" if len(items) > _MAX_LISTED else ""
    return ", ".join(items[:_MAX_LISTED]) + more


def _check_geometries(name: str, gdf: gpd.GeoDataFrame, key: str) -> list[str]:
    problems = []
    geoms = gdf.geometry.values
    bad_type = ~np.isin(shapely.get_type_id(geoms), (3, 6))  # Polygon, MultiPolygon
    if bad_type.any():
        problems.append(f"{name}: geometri bukan Polygon/MultiPolygon: {_short(gdf.loc[bad_type, key])}")
    empty = shapely.is_empty(geoms) | shapely.is_missing(geoms)
    if empty.any():
        problems.append(f"{name}: geometri kosong: {_short(gdf.loc[empty, key])}")
    invalid = ~shapely.is_valid(geoms) & ~empty
    if invalid.any():
        problems.append(f"{name}: geometri tidak valid: {_short(gdf.loc[invalid, key])}")
    return problems


def _check_codes(name: str, codes, expected) -> list[str]:
    problems = []
    codes, expected = list(codes), set(expected)
    duplicated = {c for c in codes if codes.count(c) > 1}
    if duplicated:
        problems.append(f"{name}: kode ganda: {_short(duplicated)}")
    if len(codes) != len(expected):
        problems.append(f"{name}: {len(codes)} fitur, seharusnya {len(expected)}")
    if missing := expected - set(codes):
        problems.append(f"{name}: kode tidak ada: {_short(missing)}")
    if unknown := set(codes) - expected:
        problems.append(f"{name}: kode tidak dikenal (tidak ada di daftar referensi): {_short(unknown)}")
    return problems


def _overlapping_pairs(gdf: gpd.GeoDataFrame, key: str) -> list[str]:
    geoms = gdf.geometry.values
    left, right = gdf.sindex.query(geoms, predicate="intersects")
    pairs = []
    for i, j in zip(left, right, strict=True):
        if i < j and shapely.area(shapely.intersection(geoms[i], geoms[j])) > AREA_TOLERANCE_M2:
            pairs.append(f"{gdf[key].iloc[i]}/{gdf[key].iloc[j]}")
    return pairs


def _check_tiling(name: str, gdf: gpd.GeoDataFrame, key: str) -> tuple[list[str], shapely.Geometry]:
    """No overlaps between features and no holes inside their union (areas in UTM 48S)."""
    problems = []
    union = shapely.union_all(gdf.geometry.values)
    overlap = float(shapely.area(gdf.geometry.values).sum() - union.area)
    if overlap > AREA_TOLERANCE_M2:
        pairs = _overlapping_pairs(gdf, key)
        problems.append(f"{name}: fitur saling tumpang tindih ({overlap / 1e6:.4f} km²): {_short(pairs)}")
    holes = [shapely.Polygon(r) for p in shapely.get_parts(union) for r in p.interiors]
    gap = sum(h.area for h in holes)
    if gap > AREA_TOLERANCE_M2:
        problems.append(
            f"{name}: ada {len(holes)} celah/lubang di dalam gabungan wilayah ({gap / 1e6:.4f} km²)"
        )
    return problems, union


def verify_layers(
    kabkota_gdf: gpd.GeoDataFrame,
    kecamatan_gdf: gpd.GeoDataFrame,
    reference: Reference | None = None,
    *,
    nesting: bool = True,
) -> list[str]:
    """Check a pair of boundary layers; return the problems found (empty list = all good).

    Parameters
    ----------
    kabkota_gdf : geopandas.GeoDataFrame
        Kab/kota layer with at least ``kode_bps`` and ``geometry`` (EPSG:4326 or any CRS).
    kecamatan_gdf : geopandas.GeoDataFrame
        Kecamatan layer with at least ``kode``, ``kode_bps_kabkota`` and ``geometry``.
    reference : Reference, optional
        Expected codes; defaults to ``data/reference`` (8 kab/kota, 155 kecamatan:
        35, 28, 29, 29, 13, 8, 6, 7 per kab/kota).
    nesting : bool, default True
        Also require every kecamatan to lie inside its kab/kota and both unions to be equal
        (switch off for separately simplified display layers).

    Returns
    -------
    list of str
        Problems in Indonesian, one per line; each names the layer and the codes concerned.
    """
    reference = reference if reference is not None else load_reference()
    problems: list[str] = []
    for name, gdf, columns in (
        ("kab/kota", kabkota_gdf, KABKOTA_PROPERTIES),
        ("kecamatan", kecamatan_gdf, KECAMATAN_PROPERTIES),
    ):
        if missing := [c for c in columns if c not in gdf.columns]:
            problems.append(f"{name}: kolom tidak ada: {', '.join(missing)}")
    if problems:
        return problems
    kab = kabkota_gdf.reset_index(drop=True)
    kec = kecamatan_gdf.reset_index(drop=True)
    problems += _check_codes("kab/kota", kab["kode_bps"], reference.kabkota["kode_bps"])
    problems += _check_codes("kecamatan", kec["kode"], reference.kecamatan["kode_bps"])
    parent = dict(zip(reference.kecamatan["kode_bps"], reference.kecamatan["kode_bps_kabkota"], strict=True))
    wrong_parent = [
        k for k, p in zip(kec["kode"], kec["kode_bps_kabkota"], strict=True) if parent.get(k, p) != p
    ]
    if wrong_parent:
        problems.append(f"kecamatan: kode_bps_kabkota berbeda dari referensi: {_short(wrong_parent)}")
    counts = kec.groupby("kode_bps_kabkota").size()
    for code, expected in reference.kecamatan_per_kabkota().items():
        if (found := int(counts.get(code, 0))) != expected:
            problems.append(f"kab/kota {code}: {found} kecamatan, seharusnya {expected}")
    geometry_problems = _check_geometries("kab/kota", kab, "kode_bps") + _check_geometries(
        "kecamatan", kec, "kode"
    )
    if geometry_problems:
        return problems + geometry_problems  # area checks need valid polygons
    kab_m = kab.set_crs(kab.crs or "EPSG:4326", allow_override=True).to_crs(UTM_CRS)
    kec_m = kec.set_crs(kec.crs or "EPSG:4326", allow_override=True).to_crs(UTM_CRS)
    kab_problems, kab_union = _check_tiling("kab/kota", kab_m, "kode_bps")
    kec_problems, kec_union = _check_tiling("kecamatan", kec_m, "kode")
    problems += kab_problems + kec_problems
    if nesting:
        problems += _check_nesting(kab_m, kec_m, kab_union, kec_union)
    return problems


def _check_nesting(kab: gpd.GeoDataFrame, kec: gpd.GeoDataFrame, kab_union, kec_union) -> list[str]:
    problems = []
    if shapely.area(shapely.symmetric_difference(kab_union, kec_union)) > AREA_TOLERANCE_M2:
        problems.append("gabungan kecamatan tidak sama dengan gabungan kab/kota")
    outside = []
    kab_geom = dict(zip(kab["kode_bps"], kab.geometry.values, strict=True))
    for code, group in kec.groupby("kode_bps_kabkota"):
        parent = kab_geom.get(code)
        if parent is None:
            outside += list(group["kode"])
            continue
        union = shapely.union_all(group.geometry.values)
        if shapely.area(shapely.symmetric_difference(union, parent)) <= AREA_TOLERANCE_M2:
            continue
        stray = [
            k
            for k, g in zip(group["kode"], group.geometry.values, strict=True)
            if shapely.area(shapely.difference(g, parent)) > AREA_TOLERANCE_M2
        ]
        outside += stray
        if not stray:
            problems.append(f"kab/kota {code}: tidak sama dengan gabungan kecamatannya")
    if outside:
        problems.append(f"kecamatan tidak berada di dalam kab/kota induknya: {_short(outside)}")
    return problems

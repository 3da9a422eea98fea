"""Build the kecamatan and kab/kota layers from the village (desa/kelurahan) polygons.

Steps: read villages, keep Banten, dissolve by kecamatan code, drop islets under 1 ha, simplify the
kecamatan coverage once with :func:`shapely.coverage_simplify` (shared borders stay shared, so no gaps or
overlaps appear), snap to a 5-decimal grid, make valid, then kab/kota = union of their simplified kecamatan
(so both layers nest exactly). Attributes are joined on BPS codes with the reference CSVs, never on names.
All functions are pure: they take and return GeoDataFrames.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dashboard.geo.reference import Reference

PROVINCE_CODE = "36"
UTM_CRS = "EPSG:32748"  # UTM zone 48S, metres; Banten lies inside it
MIN_PART_AREA_M2 = 10_000.0  # 1 ha
SIMPLIFY_TOLERANCE = 0.0002  # degrees, about 22 m
PRECISION = 5  # decimals, about 1.1 m
DISPLAY_TOLERANCE = {"kabkota": 0.0015, "kecamatan": 0.001}  # degrees, about 165 m and 110 m
DISPLAY_PRECISION = 4  # decimals, about 11 m

KABKOTA_PROPERTIES = ["kode_bps", "kode_kemendagri", "nama", "nama_singkat", "jenis"]
KECAMATAN_PROPERTIES = [
    "kode",
    "kode_kemendagri",
    "nama",
    "nama_kemendagri",
    "kode_bps_kabkota",
    "nama_kabkota",
]

# Column names of the two village schemas understood: the HDX/BPS GeoJSON split by JfrAziz/indonesia-district
# (``regency_code`` = "id3601") and the COD-AB shapefile/GeoJSON (``ADM2_PCODE`` = "ID3601").
_SCHEMAS = (
    {"kabkota": "regency_code", "kecamatan": "district_code", "desa": "village_code"},
    {"kabkota": "ADM2_PCODE", "kecamatan": "ADM3_PCODE", "desa": "ADM4_PCODE"},
)


def _strip_code(values: pd.Series) -> pd.Series:
    return values.astype(str).str.strip().str.upper().str.removeprefix("ID")


def read_villages(path: str | Path) -> gpd.GeoDataFrame:
    """Read village polygons and keep those of Banten.

    Parameters
    ----------
    path : str or Path
        Any vector file GDAL reads (GeoJSON, shapefile) with either the HDX GeoJSON columns
        ``regency_code``/``district_code``/``village_code`` or the COD-AB columns ``ADM2_PCODE``...

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``kode_kabkota`` (4 digits), ``kode_kecamatan`` (7), ``kode_desa`` (10), ``geometry``
        in EPSG:4326.

    Raises
    ------
    ValueError
        If no known code columns are present or no Banten village is found.
    """
    raw = gpd.read_file(path, engine="pyogrio")
    schema = next(
        (s for s in _SCHEMAS if s["kabkota"] in raw.columns and s["kecamatan"] in raw.columns), None
    )
    if schema is None:
        raise ValueError(
            "kolom kode wilayah (regency_code/district_code atau ADM2_PCODE/ADM3_PCODE) tidak ada"
        )
    out = gpd.GeoDataFrame(
        {
            "kode_kabkota": _strip_code(raw[schema["kabkota"]]),
            "kode_kecamatan": _strip_code(raw[schema["kecamatan"]]),
            "kode_desa": _strip_code(raw[schema["desa"]]) if schema["desa"] in raw.columns else "",
        },
        geometry=raw.geometry.values,
        crs=raw.crs or "EPSG:4326",
    )
    out = out[out["kode_kabkota"].str.startswith(PROVINCE_CODE)].to_crs("EPSG:4326")
    if out.empty:
        raise ValueError("tidak ada desa/kelurahan Banten (kode 36...) di berkas sumber")
    return out.reset_index(drop=True)


def drop_small_parts(geoms: gpd.GeoSeries, min_area_m2: float = MIN_PART_AREA_M2) -> gpd.GeoSeries:
    """Remove polygon parts (islets) smaller than ``min_area_m2``, measured in UTM 48S.

    A geometry whose parts are all small keeps its largest part, so no feature disappears.
    """
    parts = geoms.explode(index_parts=False)
    areas = pd.Series(shapely.area(parts.to_crs(UTM_CRS).values), index=parts.index)
    keep = (areas >= min_area_m2) | (areas == areas.groupby(level=0).transform("max"))
    kept = parts[keep.values]
    merged = kept.groupby(level=0).agg(lambda s: shapely.union_all(s.values))
    return gpd.GeoSeries(merged.reindex(geoms.index).values, index=geoms.index, crs=geoms.crs)


def round_coordinates(geoms: np.ndarray, precision: int) -> np.ndarray:
    """Round every vertex to ``precision`` decimals, then repair the few geometries that became invalid.

    Vertices are rounded one by one (no noding), so a vertex shared by two neighbours stays shared and the
    coverage keeps its exact shared borders. A ring that comes to touch itself is repaired with
    ``make_valid(method="structure")``, which keeps the same boundary lines.
    """
    rounded = shapely.transform(np.asarray(geoms, dtype=object), lambda xy: np.round(xy, precision))
    invalid = ~shapely.is_valid(rounded)
    if invalid.any():
        rounded[invalid] = shapely.make_valid(rounded[invalid], method="structure", keep_collapsed=False)
    return rounded


def simplify_coverage(geoms: np.ndarray, tolerance: float, precision: int) -> np.ndarray:
    """Topology-preserving simplification of a polygon coverage, then rounding to ``precision`` decimals.

    Parameters
    ----------
    geoms : numpy.ndarray of Polygon/MultiPolygon
        A valid coverage (no overlaps) in degrees.
    tolerance : float
        :func:`shapely.coverage_simplify` tolerance in degrees.
    precision : int
        Decimals kept in the coordinates.

    Returns
    -------
    numpy.ndarray
        Valid polygons; shared borders remain identical between neighbours (no gaps, no overlaps).
    """
    simplified = shapely.coverage_simplify(np.asarray(geoms, dtype=object), tolerance)
    return round_coordinates(simplified, precision)


def dissolve_kecamatan(villages: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Dissolve villages into kecamatan: columns ``kode``, ``kode_bps_kabkota``, ``geometry``."""
    grouped = villages.dissolve(by="kode_kecamatan", aggfunc={"kode_kabkota": "first"})
    out = grouped.reset_index().rename(columns={"kode_kecamatan": "kode", "kode_kabkota": "kode_bps_kabkota"})
    return out[["kode", "kode_bps_kabkota", "geometry"]].sort_values("kode", ignore_index=True)


def union_kabkota(kecamatan: gpd.GeoDataFrame, precision: int = PRECISION) -> gpd.GeoDataFrame:
    """Kab/kota polygons as the union of their kecamatan: columns ``kode_bps``, ``geometry``.

    Uses :func:`shapely.coverage_union_all`, which adds no vertex, so the kab/kota borders are exactly the
    kecamatan borders.
    """
    rows = [
        (code, shapely.coverage_union_all(group.geometry.values))
        for code, group in kecamatan.groupby("kode_bps_kabkota", sort=True)
    ]
    geoms = round_coordinates(np.array([g for _, g in rows], dtype=object), precision)
    return gpd.GeoDataFrame({"kode_bps": [c for c, _ in rows]}, geometry=geoms, crs=kecamatan.crs)


def attach_attributes(
    kabkota: gpd.GeoDataFrame, kecamatan: gpd.GeoDataFrame, reference: Reference
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Join names and Kemendagri codes on BPS codes (left joins: unknown codes keep empty attributes).

    Returns
    -------
    (kabkota, kecamatan) : tuple of geopandas.GeoDataFrame
        Columns :data:`KABKOTA_PROPERTIES` and :data:`KECAMATAN_PROPERTIES` plus ``geometry``.
    """
    kab_ref = reference.kabkota
    kab = kabkota[["kode_bps", "geometry"]].merge(kab_ref, on="kode_bps", how="left", validate="1:1")
    kec_ref = reference.kecamatan.rename(columns={"kode_bps": "kode", "kode_bps_kabkota": "kode_kabkota_ref"})
    kec = kecamatan[["kode", "kode_bps_kabkota", "geometry"]].merge(
        kec_ref, on="kode", how="left", validate="1:1"
    )
    names = dict(zip(kab_ref["kode_bps"], kab_ref["nama"], strict=True))
    kec["nama_kabkota"] = kec["kode_bps_kabkota"].map(names)
    kab = gpd.GeoDataFrame(kab[KABKOTA_PROPERTIES].fillna(""), geometry=kab.geometry.values, crs=kabkota.crs)
    kec = gpd.GeoDataFrame(
        kec[KECAMATAN_PROPERTIES].fillna(""), geometry=kec.geometry.values, crs=kecamatan.crs
    )
    return kab, kec


def build_layers(
    villages: gpd.GeoDataFrame,
    reference: Reference,
    tolerance: float = SIMPLIFY_TOLERANCE,
    precision: int = PRECISION,
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Run the whole pipeline on villages read by :func:`read_villages`.

    Parameters
    ----------
    villages : geopandas.GeoDataFrame
        Output of :func:`read_villages`.
    reference : Reference
        Code lists for the attribute join.
    tolerance : float, default :data:`SIMPLIFY_TOLERANCE`
        Simplification tolerance in degrees.
    precision : int, default :data:`PRECISION`
        Decimals kept in the coordinates.

    Returns
    -------
    (kabkota, kecamatan) : tuple of geopandas.GeoDataFrame
        EPSG:4326 layers with the properties of the committed files; check them with
        :func:`dashboard.geo.verify.verify_layers`.
    """
    kec = dissolve_kecamatan(villages)
    kec["geometry"] = drop_small_parts(kec.geometry).values
    kec["geometry"] = simplify_coverage(kec.geometry.values, tolerance, precision)
    kab = union_kabkota(kec, precision)
    return attach_attributes(kab, kec, reference)


def build_display(
    kabkota: gpd.GeoDataFrame,
    kecamatan: gpd.GeoDataFrame,
    tolerance: dict[str, float] | None = None,
    precision: int = DISPLAY_PRECISION,
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Lighter copies of the detailed layers for phones (each layer simplified as one coverage).

    Parameters
    ----------
    kabkota, kecamatan : geopandas.GeoDataFrame
        Detailed layers (valid coverages).
    tolerance : dict, optional
        Tolerance in degrees per level; defaults to :data:`DISPLAY_TOLERANCE`.
    precision : int, default :data:`DISPLAY_PRECISION`
        Decimals kept in the coordinates.

    Returns
    -------
    (kabkota, kecamatan) : tuple of geopandas.GeoDataFrame
        Same columns as the input. Within each layer neighbours still share borders exactly; the two
        display layers are simplified separately, so they do not nest exactly.
    """
    tolerance = {**DISPLAY_TOLERANCE, **(tolerance or {})}
    out = []
    for level, layer in (("kabkota", kabkota), ("kecamatan", kecamatan)):
        layer = layer.to_crs("EPSG:4326").copy()
        layer["geometry"] = simplify_coverage(layer.geometry.values, tolerance[level], precision)
        out.append(layer)
    return out[0], out[1]

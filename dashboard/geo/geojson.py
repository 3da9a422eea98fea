"""Reading and writing RFC 7946 GeoJSON layers (EPSG:4326, counter-clockwise exteriors, no ``crs``)."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon


def _ring(ring, precision: int) -> list:
    return np.round(np.asarray(ring.coords)[:, :2], precision).tolist()


def geometry_to_dict(geom: Polygon | MultiPolygon, precision: int) -> dict:
    """GeoJSON geometry object with RFC 7946 ring orientation and rounded coordinates.

    Parameters
    ----------
    geom : Polygon or MultiPolygon
        Geometry in longitude/latitude.
    precision : int
        Number of decimals kept in the coordinates.

    Returns
    -------
    dict
    """
    geom = shapely.orient_polygons(geom, exterior_cw=False)
    if isinstance(geom, Polygon):
        rings = [geom.exterior, *geom.interiors]
        return {"type": "Polygon", "coordinates": [_ring(r, precision) for r in rings]}
    if isinstance(geom, MultiPolygon):
        parts = [[_ring(r, precision) for r in (p.exterior, *p.interiors)] for p in geom.geoms]
        return {"type": "MultiPolygon", "coordinates": parts}
    raise TypeError(f"Only Polygon/MultiPolygon can be written, got {geom.geom_type}")


def layer_to_bytes(
    gdf: gpd.GeoDataFrame, properties: list[str], precision: int, id_property: str | None = None
) -> bytes:
    """Serialise a layer as a compact RFC 7946 FeatureCollection (one feature per line).

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Layer in EPSG:4326.
    properties : list of str
        Columns written as feature properties, in this order.
    precision : int
        Decimals kept in the coordinates.
    id_property : str, optional
        Column also written as the feature ``id`` (handy for plotly's default ``featureidkey``).

    Returns
    -------
    bytes
        UTF-8 encoded GeoJSON.
    """
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")
    lines = []
    for row, geom in zip(gdf[properties].itertuples(index=False), gdf.geometry, strict=True):
        feature: dict = {"type": "Feature"}
        props = dict(zip(properties, row, strict=True))
        if id_property is not None:
            feature["id"] = props[id_property]
        feature["properties"] = props
        feature["geometry"] = geometry_to_dict(geom, precision)
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    body = ",\n".join(lines)
    return ('{"type":"FeatureCollection","features":[\n' + body + "\n]}\n").encode("utf-8")


def layer_from_bytes(data: bytes) -> gpd.GeoDataFrame:
    """Parse a layer written by :func:`layer_to_bytes` (properties as written, CRS EPSG:4326)."""
    return gpd.GeoDataFrame.from_features(json.loads(data)["features"], crs="EPSG:4326")


def read_layer(path: Path) -> gpd.GeoDataFrame:
    """Read a layer file; properties come back as strings, CRS as EPSG:4326."""
    gdf = gpd.read_file(path, engine="pyogrio")
    if gdf.crs is None:
        gdf = gdf.set_crs("EPSG:4326")
    return gdf

"""Synthetic data for the peer dashboard (bench/apps/peer.py): ``python -m bench.peer_data DIR``.

Fifty regions and ten years, the shape of the popular Streamlit population-dashboard templates (US
states, 2010-2019), generated deterministically (fixed seed), so every run of the benchmark measures
the same bytes:

* ``regions.geojson``: 50 polygons tiling a 2° x 1.4° box (Voronoi cells of a jittered 10 x 5 grid,
  shapely), edges segmentized so a region has about as many vertices as a kecamatan of the app's
  display layer (~115), coordinates rounded to 4 decimals as in ``geo/display``;
* ``population.csv``: ``code, name, year, population`` for 2010-2019.

It is demonstration data of the benchmark only, never shown by the dashboard.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

SEED = 20261201
COLUMNS, ROWS = 10, 5
BOX = (105.0, -7.2, 107.0, -5.8)
YEARS = range(2010, 2020)
VERTICES_PER_REGION = 115
FILES = ("regions.geojson", "population.csv")


def regions() -> list[dict]:
    """GeoJSON features ``{"id", "properties": {code, name}, "geometry"}``, sorted by code."""
    rng = np.random.default_rng(SEED)
    x0, y0, x1, y1 = BOX
    dx, dy = (x1 - x0) / COLUMNS, (y1 - y0) / ROWS
    points = [(x0 + (i + 0.5 + rng.uniform(-0.3, 0.3)) * dx, y0 + (j + 0.5 + rng.uniform(-0.3, 0.3)) * dy)
              for j in range(ROWS) for i in range(COLUMNS)]
    box = shapely.box(*BOX)
    cells = shapely.voronoi_polygons(shapely.MultiPoint(points), extend_to=box)
    features = []
    for geom in cells.geoms:
        cell = geom.intersection(box)
        index = next(k for k, p in enumerate(points) if cell.contains(shapely.Point(p)))
        cell = shapely.segmentize(cell, cell.length / VERTICES_PER_REGION)
        ring = [[round(x, 4), round(y, 4)] for x, y in shapely.get_coordinates(cell.exterior)]
        code = f"R{index + 1:02d}"
        features.append({"type": "Feature", "id": code, "properties": {"code": code, "name": f"Region {index + 1:02d}"},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return sorted(features, key=lambda f: f["id"])


def population(features: list[dict]) -> pd.DataFrame:
    """One row per region and year: a log-normal base population growing 0-2 % a year, with noise."""
    rng = np.random.default_rng(SEED + 1)
    rows = []
    for feature in features:
        base = float(rng.lognormal(mean=13.5, sigma=1.0))
        growth = rng.uniform(0.0, 0.02)
        for k, year in enumerate(YEARS):
            value = base * (1 + growth) ** k * (1 + rng.normal(0, 0.01))
            rows.append((feature["properties"]["code"], feature["properties"]["name"], year, round(value)))
    return pd.DataFrame(rows, columns=["code", "name", "year", "population"])


def write(folder: Path) -> Path:
    """Write both files into ``folder`` (created if needed); return it."""
    folder.mkdir(parents=True, exist_ok=True)
    features = regions()
    (folder / "regions.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")), encoding="utf-8")
    population(features).to_csv(folder / "population.csv", index=False)
    return folder


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("Pakai: python -m bench.peer_data FOLDER")
    print(write(Path(sys.argv[1])))

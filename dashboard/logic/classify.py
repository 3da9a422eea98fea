"""Map classes: a stated method (mapclassify), a colour-blind-safe sequential palette, grey for
"tidak ada data" only.

mapclassify implements quantiles and Fisher-Jenks natural breaks correctly for tiny samples (8
kab/kota), with the edge cases (ties, fewer distinct values than classes) handled; that beats a
hand-written version.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import mapclassify
import numpy as np
import pandas as pd

from dashboard.text import fmt

#: ColorBrewer YlGnBu (sequential, colour-blind safe, print friendly), light to dark.
PALETTE = {
    3: ["#edf8b1", "#7fcdbb", "#2c7fb8"],
    4: ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
    5: ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
}
NO_DATA_COLOR = "#bdbdbd"
METHODS = {"quantiles": "kuantil", "natural_breaks": "natural breaks (Fisher-Jenks)"}


@dataclass(frozen=True)
class Classes:
    """Upper bounds of each class, its colour and its label; ``method`` names how they were made."""

    bins: list[float]
    colors: list[str]
    labels: list[str]
    method: str

    def color_of(self, value: float | None) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return NO_DATA_COLOR
        for upper, color in zip(self.bins, self.colors, strict=True):
            if value <= upper + 1e-9:
                return color
        return self.colors[-1]

    def class_of(self, value: float | None) -> int | None:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        return next((i for i, upper in enumerate(self.bins) if value <= upper + 1e-9), len(self.bins) - 1)


def classify(values: pd.Series, method: str = "quantiles", k: int = 5, lang: str = "id",
             decimals: int = 0) -> Classes:
    """Classes for the non-missing ``values`` by ``method`` (``quantiles`` or ``natural_breaks``).

    ``k`` shrinks to the number of distinct values (at least 1 class), so 3 regions with data get at
    most 3 classes rather than empty ones.
    """
    data = pd.to_numeric(values, errors="coerce").dropna().to_numpy(dtype=float)
    if data.size == 0:
        return Classes([], [], [], method)
    distinct = np.unique(data)
    k = max(1, min(k, distinct.size, 5))
    if k < 3:
        bins = [float(v) for v in distinct[:k]] if k == distinct.size else [float(distinct.max())]
        colors = PALETTE[3][-len(bins):]
    else:
        if method == "natural_breaks":
            scheme = mapclassify.FisherJenks(data, k=k)
        elif method == "quantiles":
            with warnings.catch_warnings():
                # Ties give fewer quantile classes than asked; the bins below are de-duplicated anyway.
                warnings.filterwarnings("ignore", message="Not enough unique values", category=UserWarning)
                scheme = mapclassify.Quantiles(data, k=k)
        else:
            raise ValueError(f"unknown classification method: {method}")
        bins = sorted({float(b) for b in scheme.bins})
        colors = PALETTE[len(bins)] if len(bins) >= 3 else PALETTE[3][-len(bins):]
    labels = _labels(bins, float(data.min()), lang, decimals)
    return Classes(bins, colors, labels, method)


def _labels(bins: list[float], lowest: float, lang: str, decimals: int) -> list[str]:
    labels = []
    lower = lowest
    for upper in bins:
        if math.isclose(lower, upper):
            labels.append(fmt.number(upper, decimals, lang))
        else:
            labels.append(f"{fmt.number(lower, decimals, lang)} – {fmt.number(upper, decimals, lang)}")
        lower = upper
    return labels

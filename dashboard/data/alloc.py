"""Integer allocation helpers shared by the demonstration-data generators."""

from __future__ import annotations

import math
from collections.abc import Sequence


def split_total(total: int, weights: Sequence[float]) -> list[int]:
    """Split a whole number in proportion to ``weights`` so that the parts add up exactly.

    Largest-remainder rounding; ties go to the earlier position, so the result is deterministic.
    """
    if total < 0:
        raise ValueError("total must be >= 0")
    weight_sum = float(sum(weights))
    if weight_sum <= 0:
        raise ValueError("weights must have a positive sum")
    raw = [total * w / weight_sum for w in weights]
    parts = [math.floor(x) for x in raw]
    remainder = total - sum(parts)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - parts[i]), i))
    for i in order[:remainder]:
        parts[i] += 1
    return parts

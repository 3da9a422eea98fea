"""The demonstration mode (``DASHBOARD_MODE=contoh``, ``make demo``): a release plus DATA CONTOH.

The public site never shows generated figures. To try the product out with fuller data, the
demonstration mode serves a derived release value: the published release's figures, plus the
generated DATA CONTOH series of ``data/contoh/`` (each a series of its own: the status is part of a
series' identity, so nothing is mixed), and the synthetic roster's public projection instead of the
published roster. Nothing derived here is ever written into a release.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from dashboard.data import release
from dashboard.data.roster import public_projection

#: A demonstration release id is the published id with this suffix (it keys caches apart).
SUFFIX = "+contoh"


def demo_id(release_id: str) -> str:
    return release_id + SUFFIX


def split_id(release_id: str) -> tuple[str, bool]:
    """``("2026-...-0001", True)`` for a demonstration id, ``(id, False)`` for a published one."""
    if release_id.endswith(SUFFIX):
        return release_id[: -len(SUFFIX)], True
    return release_id, False


def with_demo(base: release.Release) -> release.Release:
    """``base`` with the demonstration figures added and the synthetic roster as its roster."""
    from dashboard.data import build

    statistics = pd.concat([base.statistics, build.demo_statistics()], ignore_index=True)
    roster = public_projection(build.read_roster())
    return dataclasses.replace(base, release_id=demo_id(base.release_id), statistics=statistics, roster=roster,
                               mode="contoh")

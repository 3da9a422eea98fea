"""Build the embedded default data and the first release.

The first release holds the published figures only (``resmi``) and an empty public PSKS roster: the
real roster is published by Dinsos staff (``python -m dashboard.data roster publish FILE``).
``generate`` rewrites the demonstration files under ``data/contoh/`` (deterministic: the same bytes on
every machine); they are never part of a release and are only shown in the demonstration mode
(:mod:`dashboard.data.demo`).
"""

from __future__ import annotations

import pandas as pd

from dashboard.data import release
from dashboard.data.generate import generate_statistics
from dashboard.data.roster import generate_roster
from dashboard.data.schema import ROSTER_PUBLIC_COLUMNS, validate_statistics
from dashboard.data.sourced import import_sourced
from dashboard.settings import CONTOH_DIR

CONTOH_STATS = CONTOH_DIR / "statistik_contoh.csv"
CONTOH_ROSTER = CONTOH_DIR / "psks_roster_sintetis.csv"


def generate(out_dir=CONTOH_DIR) -> dict[str, int]:
    """Regenerate the demonstration statistics and the synthetic roster files."""
    roster = generate_roster()
    stats = generate_statistics(import_sourced(), roster)
    out_dir.mkdir(parents=True, exist_ok=True)
    release.write_statistics(stats, out_dir / CONTOH_STATS.name)
    roster.to_csv(out_dir / CONTOH_ROSTER.name, index=False, lineterminator="\n")
    return {CONTOH_STATS.name: len(stats), CONTOH_ROSTER.name: len(roster)}


def read_roster(path=CONTOH_ROSTER) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def default_statistics() -> pd.DataFrame:
    """The published figures imported from ``data/sources/`` (status ``resmi`` only)."""
    return import_sourced()


def demo_statistics() -> pd.DataFrame:
    """The generated demonstration figures (status ``contoh``), for the demonstration mode only."""
    return release.read_statistics(CONTOH_STATS)


def empty_roster() -> pd.DataFrame:
    return pd.DataFrame(columns=ROSTER_PUBLIC_COLUMNS)


def init_release(force: bool = False) -> str | None:
    """Publish the first release from the embedded data unless one exists. Returns its id or None."""
    if release.current_id() and not force:
        return None
    stats = default_statistics()
    problems = validate_statistics(stats, "data bawaan")
    if problems:
        raise SystemExit("\n".join(p.message() for p in problems))
    return release.publish(stats, empty_roster(), note="Rilis awal: angka resmi bersumber")

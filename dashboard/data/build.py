"""Build the embedded default data and the first release.

``generate`` rewrites the demonstration files under ``data/contoh/`` (deterministic: the same bytes on
every machine); ``default_release`` assembles the published figures and the demonstration figures
into the statistics table, validates it, and projects the roster.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from dashboard.data import release
from dashboard.data.generate import generate_statistics
from dashboard.data.roster import generate_roster, public_projection
from dashboard.data.schema import Problem, problems_from_schema_error, statistics_schema
from dashboard.data.sourced import import_sourced
from dashboard.paths import CONTOH_DIR

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
    """Published figures plus demonstration figures, in one validated table."""
    frame = pd.concat([import_sourced(), release.read_statistics(CONTOH_STATS)], ignore_index=True)
    return frame


def validate(frame: pd.DataFrame, label: str) -> list[Problem]:
    try:
        statistics_schema().validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        return problems_from_schema_error(err, label)
    return []


def init_release(force: bool = False) -> str | None:
    """Publish the first release from the embedded data unless one exists. Returns its id or None."""
    if release.current_id() and not force:
        return None
    stats = default_statistics()
    problems = validate(stats, "data bawaan")
    if problems:
        raise SystemExit("\n".join(p.message() for p in problems))
    roster = public_projection(read_roster())
    return release.publish(stats, roster, note="Rilis awal: angka resmi bersumber + DATA CONTOH")

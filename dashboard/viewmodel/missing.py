"""Since when something a page needs has been missing from the published releases.

A page that has nothing published to show says what is missing, since when, and how Dinsos can
publish it. "Since when" is read from the releases themselves, newest first: the last release that
had it and the release from which it was gone, or that no release since the first one has had it.
:func:`since` is pure (release ids, their dates and a test of one release in); :func:`since_in` reads
the releases folder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.data import reference, release
from dashboard.text import fmt
from dashboard.text.i18n import t

#: What a page may miss, as a test of one release's published (``resmi``, displayed) statistics and
#: its public roster. ``region:<code>`` is any figure of that region.
SCOPES: dict[str, Callable[[pd.DataFrame, pd.DataFrame], bool]] = {
    "roster": lambda stats, roster: len(roster) > 0,
    "kabkota": lambda stats, roster: bool(stats["kode_wilayah"].str.len().eq(4).any()),
    "kecamatan": lambda stats, roster: bool(stats["kode_wilayah"].str.len().eq(7).any()),
    "psks_counts": lambda stats, roster: bool(stats["indicator"].eq("jumlah_psks").any()),
    "province": lambda stats, roster: bool(stats["kode_wilayah"].eq(reference.PROVINCE_CODE).any()),
    "trend": lambda stats, roster: bool(
        stats.groupby(["indicator", "program", "unit", "period", "kode_wilayah"])["year"].nunique().gt(1).any()),
}


def holds(scope: str, stats: pd.DataFrame, roster: pd.DataFrame) -> bool:
    """Whether a release's published statistics (or roster) have what ``scope`` names."""
    published = stats[(stats["status"] == "resmi") & stats["displayed"].astype(bool)]
    if scope.startswith("region:"):
        return bool(published["kode_wilayah"].eq(scope.removeprefix("region:")).any())
    return SCOPES[scope](published, roster)


@dataclass(frozen=True)
class Since:
    """``last`` is the newest release that had it (None: none had it); ``gone`` the release after it."""

    first: str  # the date of the first release
    last: str | None = None
    gone: str | None = None


def since(ids: list[str], created: Callable[[str], str], has: Callable[[str], bool]) -> Since | None:
    """Walk the releases (oldest first in ``ids``, up to the one served) from the newest back.

    ``created`` gives a release's creation time (ISO), ``has`` tests one release (it is called on as few
    releases as needed). None when there is no release, or when the newest one has it after all.
    """
    if not ids:
        return None
    after = None
    for release_id in reversed(ids):
        if has(release_id):
            if after is None:
                return None
            return Since(created(ids[0]), created(release_id), created(after))
        after = release_id
    return Since(created(ids[0]))


def since_in(root: Path, upto: str, scope: str) -> Since | None:
    """:func:`since` over the releases in ``root`` up to the release ``upto`` (ids sort by time); a
    release that cannot be read does not have it."""
    def has(release_id: str) -> bool:
        try:
            rel = release.load_release(release_id, root)
        except release.ReleaseError:
            return False
        return holds(scope, rel.statistics, rel.roster)

    ids = [i for i in release.list_releases(root) if i <= upto]
    return since(ids, lambda i: release.created(i, root), has)


def since_text(found: Since | None, lang: str) -> str:
    """The sentence people read ("" when nothing can be said)."""
    if found is None:
        return ""
    if found.last is None:
        return t("common.missing_never", lang, first=_date(found.first, lang))
    return t("common.missing_gone", lang, last=_date(found.last, lang), gone=_date(found.gone, lang))


def _date(iso: str, lang: str) -> str:
    return fmt.long_date(iso, lang)

"""Releases and the light editions built from them, shared (read-only) by the site tests.

The release is the default one plus canaries: private roster fields (NIK, phone, address) in a
roster row, and a script payload in a region name, a programme name, a quote and a source title.
The site is built once per session with figure cards for the province and kab/kota (the kecamatan
cards are the same code path; ``test_site.py`` builds those from a small release). ``clean_site`` is
the default release's edition, for the browser test and its screenshot.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import build, demo, reference, release
from dashboard.data.roster import public_projection
from dashboard.logic import figtext
from dashboard.site import content
from tests.site.sitedata import BASE_URL, CANARIES, INJECTED_PROGRAM, INJECTED_REGION, PAYLOAD, display_layer

_READ_ROSTER = build.read_roster


def _canary_roster() -> pd.DataFrame:
    roster = _READ_ROSTER()
    row = roster.iloc[[0]].copy()
    row = row.assign(id_publik="PSKS-99999", nama=f"Kanari {PAYLOAD}", jenis_entitas="orang",
                     persetujuan_publikasi_nama="ya", tanggal_lahir="1980-01-01", **CANARIES)
    return pd.concat([roster, row], ignore_index=True)


def _inject_statistics(stats: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Payload in the quote and source title of two displayed kab/kota figures; returns their ids."""
    stats = stats.copy()
    target = stats.index[stats.displayed & stats.year.notna() & (stats.kode_wilayah == INJECTED_REGION)
                         & (stats.status == "resmi")][:2]
    stats.loc[target[0], "quote"] = f"kutipan {PAYLOAD}"
    stats.loc[target[1], "source_title"] = f"Sumber {PAYLOAD}"
    return stats, list(stats.loc[target, "fig_id"])


def _clear_catalogue_caches() -> None:
    reference.region_names.cache_clear()
    figtext._catalogues.cache_clear()
    content.label.cache_clear()


@dataclasses.dataclass(frozen=True)
class BuiltSite:
    root: Path
    release: release.Release
    injected_figures: list[str]
    report: object
    geo: Path | None


@pytest.fixture(scope="session")
def hostile_release(tmp_path_factory: pytest.TempPathFactory) -> tuple[release.Release, list[str]]:
    root = tmp_path_factory.mktemp("site-releases")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_RELEASES_DIR", str(root))
        build.init_release()
        first = release.load_newest_good(root).release
        stats, injected = _inject_statistics(first.statistics)
        release.publish(stats, public_projection(_canary_roster()), note="uji: muatan skrip")
        return release.load_newest_good(root).release, injected


@pytest.fixture(scope="session")
def site(hostile_release, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The light edition of the hostile release, with the payload also in catalogue names."""
    from dashboard.site import build_site

    rel, injected = hostile_release
    kabkota = reference.kabkota().copy()
    at = kabkota.kode_bps == INJECTED_REGION
    kabkota.loc[at, "nama"] = kabkota.loc[at, "nama"] + " " + PAYLOAD
    kabkota.loc[at, "nama_singkat"] = kabkota.loc[at, "nama_singkat"] + " " + PAYLOAD
    programs = reference.programs().copy()
    programs.loc[programs.kode == INJECTED_PROGRAM, "nama"] += " " + PAYLOAD
    out = tmp_path_factory.mktemp("site-out") / "site"
    geo = display_layer()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(reference, "kabkota", lambda: kabkota)
        mp.setattr(reference, "programs", lambda: programs)
        _clear_catalogue_caches()
        try:
            report = build_site(rel, out, BASE_URL, geo_path=geo, kecamatan_cards=False)
        finally:
            _clear_catalogue_caches()
    return BuiltSite(out, rel, injected, report, geo)


@pytest.fixture(scope="session")
def demo_site(hostile_release, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The light edition of the demonstration mode (published figures + DATA CONTOH series)."""
    from dashboard.site import build_site

    rel = demo.with_demo(hostile_release[0])
    out = tmp_path_factory.mktemp("demo-out") / "site"
    report = build_site(rel, out, BASE_URL, geo_path=display_layer(), kecamatan_cards=False)
    return BuiltSite(out, rel, [], report, display_layer())


@pytest.fixture(scope="session")
def clean_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The light edition of the default release, for screenshots people look at."""
    from dashboard.site import build_site

    root = tmp_path_factory.mktemp("clean-releases")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_RELEASES_DIR", str(root))
        build.init_release()
    rel = release.load_newest_good(root).release
    out = tmp_path_factory.mktemp("clean-out") / "site"
    geo = display_layer()
    report = build_site(rel, out, BASE_URL, geo_path=geo, kecamatan_cards=False)
    return BuiltSite(out, rel, [], report, geo)


@pytest.fixture()
def served_site(clean_site: BuiltSite, tmp_path: Path) -> Path:
    """A copy of the clean site under ``<tmp>/www/site`` (nginx serves it at /site/)."""
    root = tmp_path / "www"
    shutil.copytree(clean_site.root, root / "site")
    return root

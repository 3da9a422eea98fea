"""Fixtures for the deployment tests: a release and boundaries in temporary folders, and the whole
production stack (two Streamlit workers behind nginx) on free loopback ports, always stopped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.settings import REPO_ROOT
from deploy.launch import NGINX_BIN, Stack, free_port
from tests.deploy.stackutil import SITE_MARKER, raw_request

GEO_DIR = REPO_ROOT / "geo"  # the committed boundary layers


@pytest.fixture(scope="module")
def data_env(tmp_path_factory) -> dict[str, str]:
    """``DASHBOARD_*`` variables pointing at a fresh release and (when available) the boundaries."""
    from dashboard.data import build

    releases = tmp_path_factory.mktemp("releases")
    geo = tmp_path_factory.mktemp("geo")
    for name in ("banten_kabkota.geojson", "banten_kecamatan.geojson", "display/kabkota.geojson",
                 "display/kecamatan.geojson"):
        (geo / name).parent.mkdir(exist_ok=True)
        shutil.copy(GEO_DIR / name, geo / name)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_RELEASES_DIR", str(releases))
        build.init_release()
        add_kecamatan_figures(releases)
    return {"DASHBOARD_RELEASES_DIR": str(releases), "DASHBOARD_GEO_DIR": str(geo)}


#: The series of the test kecamatan figures (no published series has kecamatan figures yet).
KECAMATAN_SERIES = "penerima:JSLU:orang"


def add_kecamatan_figures(releases: Path) -> None:
    """Publish a release with published-looking JSLU 2024 figures for the 6 kecamatan of Kota Serang,
    so the kecamatan map has something to draw (test data, in a temporary folder only)."""
    import pandas as pd

    from dashboard.data import reference, release
    from tests.foundation.statframe import stat_frame

    base = release.load_newest_good(releases).release
    codes = reference.kecamatan().query("kode_bps_kabkota == '3673'")["kode_bps"]
    rows = stat_frame([{"program": "JSLU", "unit": "orang", "kode_wilayah": c, "year": 2024, "value": 10.0 + i}
                       for i, c in enumerate(codes)])
    release.publish(pd.concat([base.statistics, rows], ignore_index=True), base.roster, "uji kecamatan", releases)


@pytest.fixture(scope="module")
def stack(data_env, tmp_path_factory):
    """Two workers behind nginx, with a small site/ folder; stopped after the module."""
    if not Path(NGINX_BIN).exists():
        pytest.fail(f"{NGINX_BIN} is missing: run `make system-deps`")
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text(f"<!doctype html><title>t</title><p>{SITE_MARKER}</p>", encoding="utf-8")
    with Stack(workers=2, port=free_port(), run_dir=tmp_path_factory.mktemp("run"), env=dict(data_env),
               site_dir=site) as running:
        yield running


@pytest.fixture(scope="module")
def get(stack):
    """``get(path, headers=None, host=None, method="GET") -> (response, body)`` through nginx."""
    def fetch(path: str, headers: dict[str, str] | None = None, host: str | None = None, method: str = "GET"):
        return raw_request(stack.port, path, method, headers, host)

    return fetch

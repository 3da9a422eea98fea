"""Where the project's files live. Every path the code reads is derived here.

Environment variables let tests and deployments point elsewhere without touching code:
``DASHBOARD_RELEASES_DIR`` (published releases), ``DASHBOARD_GEO_DIR`` (installed boundaries).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
SOURCES_DIR = DATA_DIR / "sources"
CONTOH_DIR = DATA_DIR / "contoh"


def releases_dir() -> Path:
    """Folder holding the immutable published releases and the ``CURRENT`` pointer."""
    return Path(os.environ.get("DASHBOARD_RELEASES_DIR", DATA_DIR / "releases"))


def geo_dir() -> Path:
    """Folder of the boundary layers (committed in ``geo/``; rebuilt by ``python -m dashboard.geo build``)."""
    return Path(os.environ.get("DASHBOARD_GEO_DIR", REPO_ROOT / "geo"))


def opendata_dir() -> Path:
    """Open-data files of the current release, at stable URLs (``/app/static/data/...``)."""
    return Path(os.environ.get("DASHBOARD_OPENDATA_DIR", REPO_ROOT / "dashboard" / "static" / "data"))


def site_dir() -> Path:
    """The light edition: pre-rendered static pages served by nginx at ``/site/``."""
    return Path(os.environ.get("DASHBOARD_SITE_DIR", REPO_ROOT / "site"))


def maps_dir() -> Path:
    """Interactive kecamatan maps as content-addressed HTML files (``/app/static/maps/<sha>.html``)."""
    return REPO_ROOT / "dashboard" / "static" / "maps"

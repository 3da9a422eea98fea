"""The one place settings are read: where files live, the public address, the data mode.

Every setting has one name and one default, here. The environment is read through :func:`current`,
which parses it once per distinct set of values (tests and deployments change it; a page run only
reads the parsed value). Environment variables, all optional:

``DASHBOARD_MODE``
    ``resmi`` (default): only published figures, as the public site shows them. ``contoh``: the
    demonstration mode, which adds generated DATA CONTOH series and the synthetic PSKS roster.
``DASHBOARD_PUBLIC_URL``
    The address visitors use for the interactive app (QR codes, links in the light pages and open
    data). Default ``http://localhost:8501`` (what ``make run`` serves).
``DASHBOARD_RELEASES_DIR``, ``DASHBOARD_GEO_DIR``, ``DASHBOARD_OPENDATA_DIR``, ``DASHBOARD_SITE_DIR``,
``DASHBOARD_MAPS_DIR``, ``DASHBOARD_PRIVATE_DIR``
    Folders (defaults under the repository, see :class:`Settings`).
``DASHBOARD_LIGHT_PAGES``
    ``0`` skips building the light edition at publication (tests of other parts; default ``1``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
SOURCES_DIR = DATA_DIR / "sources"
CONTOH_DIR = DATA_DIR / "contoh"

MODES = ("resmi", "contoh")
DEFAULT_PUBLIC_URL = "http://localhost:8501"

#: Environment variable -> default (None: derived below).
ENV = {
    "DASHBOARD_MODE": "resmi",
    "DASHBOARD_PUBLIC_URL": DEFAULT_PUBLIC_URL,
    "DASHBOARD_RELEASES_DIR": str(DATA_DIR / "releases"),
    "DASHBOARD_GEO_DIR": str(REPO_ROOT / "geo"),
    "DASHBOARD_OPENDATA_DIR": str(REPO_ROOT / "dashboard" / "static" / "data"),
    "DASHBOARD_SITE_DIR": str(REPO_ROOT / "site"),
    "DASHBOARD_MAPS_DIR": str(REPO_ROOT / "dashboard" / "static" / "maps"),
    "DASHBOARD_PRIVATE_DIR": str(DATA_DIR / "private"),
    "DASHBOARD_LIGHT_PAGES": "1",
}


class SettingsError(ValueError):
    """A setting has a value the app cannot use (the message names the variable, in Indonesian)."""


@dataclass(frozen=True)
class Settings:
    """Parsed settings. ``mode`` is ``resmi`` or ``contoh``; ``public_url`` has no trailing slash."""

    mode: str
    public_url: str
    releases_dir: Path
    geo_dir: Path
    opendata_dir: Path
    site_dir: Path
    maps_dir: Path
    private_dir: Path
    light_pages: bool

    @property
    def demo(self) -> bool:
        return self.mode == "contoh"


def current() -> Settings:
    """The settings of the current environment (parsed once per distinct environment)."""
    return _parse(tuple((name, os.environ.get(name) or default) for name, default in ENV.items()))


@lru_cache(maxsize=16)
def _parse(values: tuple[tuple[str, str], ...]) -> Settings:
    env = dict(values)
    mode = env["DASHBOARD_MODE"].strip().lower()
    if mode not in MODES:
        raise SettingsError(f"DASHBOARD_MODE harus 'resmi' atau 'contoh', bukan {env['DASHBOARD_MODE']!r}.")
    url = env["DASHBOARD_PUBLIC_URL"].strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingsError(f"DASHBOARD_PUBLIC_URL harus alamat http(s), bukan {env['DASHBOARD_PUBLIC_URL']!r}.")
    return Settings(
        mode=mode, public_url=url,
        releases_dir=Path(env["DASHBOARD_RELEASES_DIR"]), geo_dir=Path(env["DASHBOARD_GEO_DIR"]),
        opendata_dir=Path(env["DASHBOARD_OPENDATA_DIR"]), site_dir=Path(env["DASHBOARD_SITE_DIR"]),
        maps_dir=Path(env["DASHBOARD_MAPS_DIR"]), private_dir=Path(env["DASHBOARD_PRIVATE_DIR"]),
        light_pages=env["DASHBOARD_LIGHT_PAGES"].strip() != "0",
    )


# Short names for the folders, as the rest of the code reads them.
def releases_dir() -> Path:
    """Immutable published releases and the ``CURRENT`` pointer."""
    return current().releases_dir


def geo_dir() -> Path:
    """The boundary layers (committed in ``geo/``)."""
    return current().geo_dir


def opendata_dir() -> Path:
    """Open-data files of the current release, at stable URLs (``/app/static/data/...``)."""
    return current().opendata_dir


def site_dir() -> Path:
    """The light edition: pre-rendered static pages served by nginx at ``/site/``."""
    return current().site_dir


def maps_dir() -> Path:
    """Interactive kecamatan maps as content-addressed HTML files (``/app/static/maps/<sha>.html``)."""
    return current().maps_dir


def private_dir() -> Path:
    """Private staff files (the full PSKS roster): never served, never read by the public app."""
    return current().private_dir

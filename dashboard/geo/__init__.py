"""Administrative boundaries of Banten: where the installed layers live.

The layers are third-party data (BPS / OCHA COD-AB 2020, CC BY 3.0 IGO) and are not kept in git.
``python -m dashboard.geo install`` fills the folder returned by :func:`geo_dir`; the app only reads
files through :func:`layer_path`. This module is deliberately light (no geopandas import) so the app can
ask for paths without paying for the geo stack.

Levels are ``"kabkota"`` (8 kabupaten/kota, key ``kode_bps``) and ``"kecamatan"`` (155 kecamatan,
key ``kode``); both keys are BPS codes, the same codes as ``data/reference/*.csv``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from dashboard import settings as paths

Level = Literal["kabkota", "kecamatan"]
LEVELS: tuple[Level, ...] = ("kabkota", "kecamatan")

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
REFERENCE_DIR = REPO_ROOT / "data" / "reference"

#: Key property of each level in every layer (detailed and display).
KEY_PROPERTY: dict[str, str] = {"kabkota": "kode_bps", "kecamatan": "kode"}
INSTALLED_FILE = "INSTALLED.json"

LICENSE = "CC BY 3.0 IGO"
LICENSE_URL = "https://creativecommons.org/licenses/by/3.0/igo/legalcode"
#: Attribution required by the licence (text from ``SOURCES.md``); show it under every map.
ATTRIBUTION = (
    'Batas administrasi: Badan Pusat Statistik (BPS) – OCHA ROAP, "Indonesia - Subnational Administrative '
    'Boundaries" (COD-AB, edisi BPS 2020), Humanitarian Data Exchange, CC BY 3.0 IGO. Digabung ke tingkat '
    "kecamatan dan kabupaten/kota serta disederhanakan."
)
ATTRIBUTION_EN = (
    "Administrative boundaries: BPS – Statistics Indonesia and OCHA ROAP, Indonesia COD-AB (BPS 2020 "
    "edition), via HDX, licensed CC BY 3.0 IGO. Dissolved to kecamatan and kabupaten/kota and simplified."
)

NOT_INSTALLED_MESSAGE = (
    "Batas wilayah belum dipasang ({path} tidak ada). Jalankan: python -m dashboard.geo install"
)


class GeoInstallError(RuntimeError):
    """Install step failed; the message (Indonesian) is meant for the user. Installed files are untouched."""


class GeoNotInstalledError(FileNotFoundError):
    """Raised by :func:`require_layer` when the boundary layers have not been installed."""


def geo_dir() -> Path:
    """Folder holding the installed layers: ``$DASHBOARD_GEO_DIR`` or ``<repo>/geo`` (one rule, in
    :func:`dashboard.settings.geo_dir`)."""
    return paths.geo_dir()


def relative_layer_path(level: str, display: bool) -> str:
    if level not in LEVELS:
        raise ValueError(f"Unknown level {level!r}; expected one of {LEVELS}")
    return f"display/{level}.geojson" if display else f"banten_{level}.geojson"


def layer_path(level: Level, display: bool = True, dest: Path | None = None) -> Path:
    """Path of one installed layer (the file may not exist yet).

    Parameters
    ----------
    level : {"kabkota", "kecamatan"}
        Administrative level.
    display : bool, default True
        ``True`` for the simplified layer meant for phones (``display/<level>.geojson``),
        ``False`` for the detailed layer (``banten_<level>.geojson``).
    dest : Path, optional
        Geo folder; defaults to :func:`geo_dir`.

    Returns
    -------
    Path
    """
    return (dest if dest is not None else geo_dir()) / relative_layer_path(level, display)


def require_layer(level: Level, display: bool = True) -> Path:
    """Like :func:`layer_path` but raise :class:`GeoNotInstalledError` (Indonesian message) if missing."""
    path = layer_path(level, display)
    if not path.is_file():
        raise GeoNotInstalledError(NOT_INSTALLED_MESSAGE.format(path=path))
    return path


def installed_info(dest: Path | None = None) -> dict | None:
    """Contents of ``INSTALLED.json`` (source, checksums, counts, licence), or ``None`` if absent."""
    path = (dest if dest is not None else geo_dir()) / INSTALLED_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None

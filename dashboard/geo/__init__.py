"""Administrative boundaries of Banten: where the committed layers live.

The four layers in ``geo/`` are built by the project's own pipeline (:mod:`dashboard.geo.build`) from the
eight official village files pinned in ``geo/source_manifest.csv`` (BPS / OCHA COD-AB 2020, CC BY 3.0 IGO,
which allows redistribution with credit, a link to the licence and a note of the changes: see
``geo/SOURCES.md``). They are committed, so the app needs neither the network nor any folder outside the
repository. ``python -m dashboard.geo build`` rebuilds them; the app only reads files through
:func:`layer_path`. This module is deliberately light (no geopandas import) so the app can ask for paths
without paying for the geo stack.

Levels are ``"kabkota"`` (8 kabupaten/kota, key ``kode_bps``) and ``"kecamatan"`` (155 kecamatan,
key ``kode``); both keys are BPS codes, the same codes as ``data/reference/*.csv``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from dashboard import settings as paths

Level = Literal["kabkota", "kecamatan"]
LEVELS: tuple[Level, ...] = ("kabkota", "kecamatan")

REPO_ROOT = paths.REPO_ROOT
REFERENCE_DIR = paths.REFERENCE_DIR
#: The eight village files the layers are built from: file name, URL at a fixed commit, SHA-256, size.
MANIFEST_FILE = REPO_ROOT / "geo" / "source_manifest.csv"
#: Written by every build next to the layers: source, licence, changes, settings and checksums.
SOURCES_FILE = "SOURCES.md"

#: Key property of each level in every layer (detailed and display).
KEY_PROPERTY: dict[str, str] = {"kabkota": "kode_bps", "kecamatan": "kode"}

LICENSE = "CC BY 3.0 IGO"
LICENSE_URL = "https://creativecommons.org/licenses/by/3.0/igo/legalcode"
#: Attribution required by the licence (also in ``geo/SOURCES.md``); show it under every map.
ATTRIBUTION = (
    'Batas administrasi: Badan Pusat Statistik (BPS) – OCHA ROAP, "Indonesia - Subnational Administrative '
    'Boundaries" (COD-AB, edisi BPS 2020), Humanitarian Data Exchange, CC BY 3.0 IGO. Digabung ke tingkat '
    "kecamatan dan kabupaten/kota serta disederhanakan."
)
ATTRIBUTION_EN = (
    "Administrative boundaries: BPS – Statistics Indonesia and OCHA ROAP, Indonesia COD-AB (BPS 2020 "
    "edition), via HDX, licensed CC BY 3.0 IGO. Dissolved to kecamatan and kabupaten/kota and simplified."
)

NOT_FOUND_MESSAGE = (
    "Lapisan batas wilayah tidak ada ({path}). Berkas ini disimpan di repositori (geo/): pulihkan dengan "
    "`git checkout -- geo/` atau bangun ulang dengan `python -m dashboard.geo build`."
)


class GeoBuildError(RuntimeError):
    """A build step failed; the message (Indonesian) is meant for the user. ``geo/`` is left untouched."""


class GeoNotInstalledError(FileNotFoundError):
    """Raised by :func:`require_layer` when a boundary layer is missing from the geo folder."""


def geo_dir() -> Path:
    """Folder holding the installed layers: ``$DASHBOARD_GEO_DIR`` or ``<repo>/geo`` (one rule, in
    :func:`dashboard.settings.geo_dir`)."""
    return paths.geo_dir()


def relative_layer_path(level: str, display: bool) -> str:
    if level not in LEVELS:
        raise ValueError(f"Unknown level {level!r}; expected one of {LEVELS}")
    return f"display/{level}.geojson" if display else f"banten_{level}.geojson"


#: The four layers, detailed first, as paths relative to the geo folder.
LAYER_FILES: tuple[str, ...] = tuple(
    relative_layer_path(level, display) for display in (False, True) for level in LEVELS
)


def layer_path(level: Level, display: bool = True, dest: Path | None = None) -> Path:
    """Path of one layer (the file may not exist, e.g. in an empty ``$DASHBOARD_GEO_DIR``).

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
        raise GeoNotInstalledError(NOT_FOUND_MESSAGE.format(path=path))
    return path

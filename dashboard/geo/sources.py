"""Where the boundaries come from: a local folder (ready layers or the village file) or a URL."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dashboard.geo import REPO_ROOT, GeoInstallError
from dashboard.geo.download import DEFAULT_SHA256, DEFAULT_URL, HDX_DATASET_URL, sha256_file

SHARED_GEO_DIR = REPO_ROOT.parent / "shared" / "geo"
LAYER_FILES = {"kabkota": "banten_kabkota.geojson", "kecamatan": "banten_kecamatan.geojson"}
VILLAGE_FILE = Path("source") / "banten_desa_hdx_bps2020.geojson"


@dataclass(frozen=True)
class Source:
    """Where the boundaries come from.

    Attributes
    ----------
    kind : {"folder", "url"}
    location : str
        Absolute folder path or URL.
    build : bool
        Build the layers from the village file even if a folder holds ready-made layers.
    sha256 : str, optional
        Expected SHA-256 of the downloaded file (URL sources only).
    """

    kind: str
    location: str
    build: bool = False
    sha256: str | None = None

    def describe(self) -> str:
        return f"folder {self.location}" if self.kind == "folder" else f"URL {self.location}"


def resolve_source(
    from_dir: str | Path | None = None, url: str | None = None, sha256: str | None = None, build: bool = False
) -> Source:
    """Choose the source: ``url``, then ``from_dir``, then ``$DASHBOARD_GEO_SOURCE`` (folder or URL),
    then ``../shared/geo`` next to the repository, then :data:`DEFAULT_URL`.

    Raises
    ------
    GeoInstallError
        If no source is available.
    """
    if url:
        return Source("url", url, True, sha256 or (DEFAULT_SHA256 if url == DEFAULT_URL else None))
    env = os.environ.get("DASHBOARD_GEO_SOURCE")
    if from_dir is None and env and "://" in env:
        return Source("url", env, True, sha256)
    folder = from_dir or env or (SHARED_GEO_DIR if SHARED_GEO_DIR.is_dir() else None)
    if folder is not None:
        return Source("folder", str(Path(folder).resolve()), build)
    if DEFAULT_URL:
        return Source("url", DEFAULT_URL, True, sha256 or DEFAULT_SHA256)
    raise GeoInstallError(
        "Tidak ada sumber batas wilayah. Berikan --from FOLDER (berisi banten_kabkota.geojson dan "
        f"banten_kecamatan.geojson, atau source/{VILLAGE_FILE.name}) atau --url dengan tautan unduhan "
        f"berkas desa dari {HDX_DATASET_URL}."
    )


def source_key(source: Source) -> dict:
    """What identifies an install's input (compared with INSTALLED.json for idempotence)."""
    key = {"type": source.kind, "location": source.location}
    if source.kind == "url":
        return {**key, "method": "build", "expected_sha256": source.sha256}
    folder = Path(source.location)
    if not source.build and all((folder / f).is_file() for f in LAYER_FILES.values()):
        return {**key, "method": "copy", "sha256": {f: sha256_file(folder / f) for f in LAYER_FILES.values()}}
    if (folder / VILLAGE_FILE).is_file():
        return {**key, "method": "build", "sha256": {str(VILLAGE_FILE): sha256_file(folder / VILLAGE_FILE)}}
    wanted = f"{' dan '.join(LAYER_FILES.values())}, atau {VILLAGE_FILE}"
    raise GeoInstallError(f"Folder sumber {folder} tidak berisi {wanted}")

"""Download of the village boundary file (GeoJSON, or a zip holding GeoJSON/shapefile) into a cache."""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

from tqdm import tqdm

from dashboard.geo import GeoInstallError

#: Landing page of the official release (HDX COD-AB Indonesia, BPS 2020 edition). The direct download link
#: of its village (ADM4) file is not pinned here: it could not be checked from this environment. Pass it
#: with ``--url`` or ``DASHBOARD_GEO_SOURCE``.
HDX_DATASET_URL = "https://data.humdata.org/dataset/cod-ab-idn"
DEFAULT_URL: str | None = None
#: Expected SHA-256 of the file at :data:`DEFAULT_URL`; overridable with ``--sha256``.
DEFAULT_SHA256: str | None = None

CHUNK_SIZE = 1 << 16
TIMEOUT_SECONDS = 60
USER_AGENT = "dasbor-kesos-banten (python urllib)"


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def cache_name(url: str) -> str:
    """File name in the cache for ``url``: a short hash of the URL plus its sanitised last path segment."""
    last = re.sub(r"[^A-Za-z0-9._-]", "_", url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]) or "unduhan"
    return f"{hashlib.sha256(url.encode()).hexdigest()[:10]}-{last[-80:]}"


def download(url: str, cache_dir: Path, expected_sha256: str | None = None, progress: bool = True) -> Path:
    """Download ``url`` into ``cache_dir`` and return the complete file.

    The data goes to ``<name>.part`` and is renamed only once every byte announced by ``Content-Length``
    has arrived and the checksum (if given) matches, so the cache never holds a truncated file. A cached
    file whose checksum matches ``expected_sha256`` is reused without downloading.

    Parameters
    ----------
    url : str
        ``http(s)://`` or ``file://`` URL.
    cache_dir : Path
        Cache folder (created if needed), normally ``geo/.cache``.
    expected_sha256 : str, optional
        Hex SHA-256 the file must have.
    progress : bool, default True
        Show a tqdm progress bar (only on a terminal).

    Returns
    -------
    Path

    Raises
    ------
    GeoInstallError
        Interrupted, failed or corrupt download (message in Indonesian).
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / cache_name(url)
    expected = expected_sha256.lower() if expected_sha256 else None
    if expected and target.is_file() and sha256_file(target) == expected:
        return target
    part = target.with_name(target.name + ".part")
    try:
        received, total, digest = _fetch(url, part, progress)
        if total is not None and received < total:
            raise GeoInstallError(_interrupted(received, total))
        if received == 0:
            raise GeoInstallError(f"Unduhan batas wilayah kosong: server tidak mengirim data ({url})")
        if expected and digest != expected:
            raise GeoInstallError(
                f"Unduhan batas wilayah rusak: SHA-256 {digest} tidak sama dengan yang diharapkan "
                f"{expected}. Berkas yang sudah terpasang tidak diubah."
            )
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    return target


def _fetch(url: str, part: Path, progress: bool) -> tuple[int, int | None, str]:
    """Stream ``url`` into ``part``; return (bytes received, Content-Length or None, hex SHA-256)."""
    received, total = 0, None
    digest = hashlib.sha256()
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response, open(part, "wb") as out:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            with tqdm(
                total=total,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                desc="Mengunduh batas wilayah",
                disable=None if progress else True,
            ) as bar:
                while chunk := response.read(CHUNK_SIZE):
                    out.write(chunk)
                    digest.update(chunk)
                    received += len(chunk)
                    bar.update(len(chunk))
    except http.client.IncompleteRead as exc:
        raise GeoInstallError(_interrupted(received + len(exc.partial), total)) from exc
    except urllib.error.HTTPError as exc:
        raise GeoInstallError(
            f"Unduhan batas wilayah gagal: server menjawab HTTP {exc.code} untuk {url}"
        ) from exc
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        if total is not None and received < total:
            raise GeoInstallError(_interrupted(received, total)) from exc
        reason = getattr(exc, "reason", None) or exc
        raise GeoInstallError(f"Unduhan batas wilayah gagal ({url}): {reason}") from exc
    return received, total, digest.hexdigest()


def _interrupted(received: int, total: int | None) -> str:
    expected = f"{total:,}".replace(",", ".") if total is not None else "?"
    return (
        f"Unduhan batas wilayah terputus: {received:,}".replace(",", ".")
        + f" byte dari {expected} byte diterima. Coba lagi; berkas yang sudah terpasang tidak diubah."
    )


def village_dataset(path: Path) -> str:
    """Path GDAL can read for a downloaded file: the file itself, or the village layer inside a zip.

    In a zip, a GeoJSON member is preferred (the largest), then a shapefile whose name mentions ``adm4``.

    Raises
    ------
    GeoInstallError
        If the zip is damaged or holds no GeoJSON/shapefile.
    """
    if not zipfile.is_zipfile(path):
        return str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            if bad := archive.testzip():
                raise GeoInstallError(f"Arsip unduhan rusak: anggota {bad} tidak utuh")
    except zipfile.BadZipFile as exc:
        raise GeoInstallError(f"Arsip unduhan rusak: {exc}") from exc
    geojson = sorted(
        (i for i in infos if i.filename.lower().endswith((".geojson", ".json"))),
        key=lambda i: i.file_size,
        reverse=True,
    )
    shapes = sorted(
        (i for i in infos if i.filename.lower().endswith(".shp")),
        key=lambda i: ("adm4" not in i.filename.lower(), -i.file_size),
    )
    members = geojson or shapes
    if not members:
        raise GeoInstallError("Arsip unduhan tidak berisi GeoJSON atau shapefile batas desa")
    return f"/vsizip/{os.fspath(path)}/{members[0].filename}"

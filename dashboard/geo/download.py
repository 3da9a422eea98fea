"""Getting the eight village files: downloaded into a cache, or taken from a local folder, always checked.

A file is used only when its size and SHA-256 equal the manifest's. A download goes to ``<name>.part`` and
is renamed into the cache only once it is complete and checked, so the cache never holds a truncated,
corrupt or foreign file; a cached file whose checksum matches is used without downloading again.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from tqdm import tqdm

from dashboard.geo import GeoBuildError
from dashboard.geo.sources import SourceFile, describe

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


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def check_file(path: Path, entry: SourceFile, names: dict[str, str], origin: str, unsized: bool = False) -> None:
    """Raise :class:`GeoBuildError` unless ``path`` is the manifest's file (not HTML, right size and hash).

    ``origin`` says where the file came from (a URL or a folder), for the message. ``unsized``: the server
    announced no length, so a file shorter than the manifest's size is reported as a cut-off download.
    """
    what = describe(entry, names)
    with open(path, "rb") as handle:
        head = handle.read(512).lstrip().lower()
    size = path.stat().st_size
    if head.startswith(b"<"):  # <!doctype html>, <html>, <?xml ...>: an error, login or rate-limit page
        raise GeoBuildError(
            f"{what} dari {origin} bukan GeoJSON: isinya halaman HTML/XML (halaman galat, login atau batas "
            f"unduhan?), {_thousands(size)} byte."
        )
    if unsized and size < entry.size:
        raise GeoBuildError(_cut_off(what, size, entry.size))
    digest = sha256_file(path)
    if size != entry.size or digest != entry.sha256:
        raise GeoBuildError(
            f"{what} dari {origin} tidak sama dengan yang tercatat di manifes: SHA-256 {digest} "
            f"({_thousands(size)} byte), seharusnya {entry.sha256} ({_thousands(entry.size)} byte)."
        )


def _cut_off(what: str, received: int, total: int) -> str:
    return (
        f"Unduhan {what} terputus: {_thousands(received)} byte dari {_thousands(total)} byte diterima. "
        f"Jalankan perintah lagi (berkas yang sudah lengkap dipakai dari cache)."
    )


def local_inputs(entries: list[SourceFile], folder: Path, names: dict[str, str]) -> list[Path]:
    """The manifest's files in ``folder`` (``--from``), each checked; return their paths."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GeoBuildError(f"Folder sumber {folder} tidak ada.")
    paths = []
    for entry in entries:
        path = folder / entry.file
        if not path.is_file():
            raise GeoBuildError(f"Berkas desa {describe(entry, names)} tidak ada di {folder}.")
        check_file(path, entry, names, str(folder))
        paths.append(path)
    return paths


def download_inputs(
    entries: list[SourceFile],
    cache_dir: Path,
    names: dict[str, str],
    progress: bool = True,
    echo: Callable[[str], None] = print,
) -> list[Path]:
    """Download into ``cache_dir`` every file not already there with the right checksum; return the paths.

    One tqdm bar counts the bytes of all files to fetch (shown only on a terminal when ``progress``).

    Raises
    ------
    GeoBuildError
        Failed, cut-off or wrong download (the ``.part`` file is removed, nothing wrong stays cached).
    """
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached = {e.file for e in entries if _cached_ok(cache_dir / e.file, e)}
    todo = [e for e in entries if e.file not in cached]
    if cached:
        echo(f"{len(cached)} berkas desa sudah ada di cache {cache_dir} dan cocok dengan manifes.")
    if todo:
        echo(f"Mengunduh {len(todo)} berkas desa ({_thousands(sum(e.size for e in todo))} byte)...")
        with tqdm(total=sum(e.size for e in todo), unit="B", unit_scale=True, unit_divisor=1024,
                  desc="Mengunduh batas desa", disable=None if progress else True) as bar:
            for entry in todo:
                bar.set_postfix_str(entry.file, refresh=False)
                _download(entry, cache_dir / entry.file, names, bar)
    return [cache_dir / e.file for e in entries]


def _cached_ok(path: Path, entry: SourceFile) -> bool:
    return path.is_file() and path.stat().st_size == entry.size and sha256_file(path) == entry.sha256


def _download(entry: SourceFile, target: Path, names: dict[str, str], bar: tqdm) -> None:
    part = target.with_name(target.name + ".part")
    try:
        received, total = _fetch(entry, part, names, bar)
        if total is not None and received < total:
            raise GeoBuildError(_cut_off(describe(entry, names), received, total))
        check_file(part, entry, names, entry.url, unsized=total is None)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


def _fetch(entry: SourceFile, part: Path, names: dict[str, str], bar: tqdm) -> tuple[int, int | None]:
    """Stream ``entry.url`` into ``part``; return (bytes received, Content-Length or None)."""
    received, total = 0, None
    what = describe(entry, names)
    try:
        request = urllib.request.Request(entry.url, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response, open(part, "wb") as out:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            while chunk := response.read(CHUNK_SIZE):
                out.write(chunk)
                received += len(chunk)
                bar.update(len(chunk))
    except http.client.IncompleteRead as exc:
        raise GeoBuildError(_cut_off(what, received + len(exc.partial), total or entry.size)) from exc
    except urllib.error.HTTPError as exc:
        raise GeoBuildError(
            f"Unduhan {what} gagal: server menjawab HTTP {exc.code} untuk {entry.url}."
        ) from exc
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        if received:
            raise GeoBuildError(_cut_off(what, received, total or entry.size)) from exc
        reason = getattr(exc, "reason", None) or exc
        raise GeoBuildError(f"Unduhan {what} gagal ({entry.url}): {reason}.") from exc
    return received, total

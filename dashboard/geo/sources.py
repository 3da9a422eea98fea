"""The manifest of the eight village files the layers are built from (``geo/source_manifest.csv``).

One row per kabupaten/kota: ``file`` (``id3601_pandeglang.geojson``: the BPS code follows ``id``), ``url``
(a download address at a fixed commit), ``sha256`` and ``bytes``. The manifest is a list of facts about the
published files; the build trusts a file only when its size and SHA-256 match it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from dashboard.geo import MANIFEST_FILE, GeoBuildError

COLUMNS = ("file", "url", "sha256", "bytes")
_FILE = re.compile(r"^id(?P<code>\d{4})_[a-z0-9_]+\.geojson$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class SourceFile:
    """One village file of the manifest.

    Attributes
    ----------
    file : str
        File name, also its name in the download cache and in a ``--from`` folder.
    url : str
        Download address.
    sha256 : str
        Expected SHA-256 (lower-case hex).
    size : int
        Expected size in bytes.
    kabkota : str
        BPS code of the kab/kota whose villages the file holds (from the file name).
    """

    file: str
    url: str
    sha256: str
    size: int
    kabkota: str


def load_manifest(path: Path | None = None) -> list[SourceFile]:
    """Read and check the manifest; rows come back sorted by kab/kota code.

    Raises
    ------
    GeoBuildError
        Missing file or column, or a row breaking a rule (message names file, row, column and rule).
    """
    path = Path(path) if path is not None else MANIFEST_FILE
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
            header = rows[0].keys() if rows else []
    except FileNotFoundError as exc:
        raise GeoBuildError(f"Manifes sumber batas wilayah tidak ada: {path}") from exc
    if missing := [c for c in COLUMNS if c not in header]:
        raise GeoBuildError(f"{path}: kolom tidak ada: {', '.join(missing)} (harus: {', '.join(COLUMNS)})")
    entries, seen = [], set()
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        entries.append(_entry(path, number, row, seen))
    return sorted(entries, key=lambda e: e.kabkota)


def _entry(path: Path, number: int, row: dict, seen: set[str]) -> SourceFile:
    def fail(column: str, rule: str) -> GeoBuildError:
        return GeoBuildError(f"{path}, baris {number}, kolom {column} ({row.get(column)!r}): {rule}")

    name, url = (row.get("file") or "").strip(), (row.get("url") or "").strip()
    sha, size = (row.get("sha256") or "").strip().lower(), (row.get("bytes") or "").strip()
    match = _FILE.match(name)
    if not match:
        raise fail("file", "nama berkas harus berbentuk id<kode BPS 4 digit>_<nama>.geojson")
    if match["code"] in seen:
        raise fail("file", f"kab/kota {match['code']} sudah punya berkas di baris lain")
    seen.add(match["code"])
    if not url.startswith(("https://", "http://")):
        raise fail("url", "alamat unduhan harus diawali https:// atau http://")
    if not _SHA256.match(sha):
        raise fail("sha256", "harus 64 digit heksadesimal")
    if not size.isdigit() or int(size) == 0:
        raise fail("bytes", "harus bilangan bulat positif")
    return SourceFile(name, url, sha, int(size), match["code"])


def check_coverage(entries: list[SourceFile], names: dict[str, str], manifest: Path | None = None) -> None:
    """Require exactly one file per kab/kota of the reference list (``names``: code -> name).

    Raises
    ------
    GeoBuildError
        A kab/kota without a file, or a file for a code the reference does not know.
    """
    where = manifest or MANIFEST_FILE
    codes = {e.kabkota for e in entries}
    if missing := [c for c in names if c not in codes]:
        listed = ", ".join(f"{c} {names[c]}" for c in missing)
        raise GeoBuildError(f"{where}: tidak ada berkas desa untuk kab/kota {listed}; ada {len(codes)} dari "
                            f"{len(names)} kab/kota")
    if unknown := sorted(codes - set(names)):
        raise GeoBuildError(f"{where}: kab/kota {', '.join(unknown)} tidak ada di daftar referensi")


def describe(entry: SourceFile, names: dict[str, str]) -> str:
    """``id3601_pandeglang.geojson (kab/kota 3601 Kabupaten Pandeglang)`` for messages."""
    name = names.get(entry.kabkota, "")
    return f"{entry.file} (kab/kota {entry.kabkota}{' ' + name if name else ''})"

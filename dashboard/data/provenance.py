"""Provenance files: a ``<file>.meta.yml`` beside every data file under ``data/``.

Each holds title, source, source_url, licence, date_of_data, retrieved, update_cadence, derivation,
status (``resmi`` or ``contoh``), and the file's sha256 and row count, which
``python -m dashboard.data meta`` refreshes after an intended change and the test suite verifies.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from dashboard.settings import DATA_DIR

REQUIRED = ["title", "source", "source_url", "licence", "date_of_data", "retrieved", "update_cadence",
            "derivation", "status", "file", "sha256", "rows"]
DATA_SUFFIXES = {".csv", ".json", ".xlsx", ".parquet"}


def data_files(root: Path = DATA_DIR) -> list[Path]:
    """Every committed data file that needs a provenance file (releases are runtime state)."""
    return sorted(p for p in root.rglob("*") if p.suffix in DATA_SUFFIXES and "releases" not in p.parts)


def meta_path(path: Path) -> Path:
    return path.with_name(path.name + ".meta.yml")


def fingerprint(path: Path) -> tuple[str, int]:
    data = path.read_bytes()
    return hashlib.sha256(data).hexdigest(), data.count(b"\n") - 1


def read_meta(path: Path) -> dict:
    return yaml.safe_load(meta_path(path).read_text(encoding="utf-8")) or {}


def problems(root: Path = DATA_DIR) -> list[str]:
    """Every provenance problem under ``root``, in Indonesian; empty when all is well."""
    found = []
    for path in data_files(root):
        if not meta_path(path).exists():
            found.append(f"{path.name}: tidak ada berkas provenans {meta_path(path).name}")
            continue
        meta = read_meta(path)
        missing = [k for k in REQUIRED if k not in meta]
        if missing:
            found.append(f"{meta_path(path).name}: kolom provenans hilang: {', '.join(missing)}")
            continue
        sha, rows = fingerprint(path)
        if meta["sha256"] != sha:
            found.append(f"{path.name}: checksum tidak cocok dengan {meta_path(path).name}")
        if meta["rows"] != rows:
            found.append(f"{path.name}: jumlah baris {rows} berbeda dari provenans ({meta['rows']})")
        if meta["status"] not in ("resmi", "contoh"):
            found.append(f"{meta_path(path).name}: status harus resmi atau contoh")
    return found


def refresh(path: Path, **fields: object) -> None:
    """Write or update the provenance file of ``path`` with its current checksum and row count."""
    meta = read_meta(path) if meta_path(path).exists() else {}
    meta.update(fields)
    sha, rows = fingerprint(path)
    meta.update(file=path.name, sha256=sha, rows=rows)
    ordered = {k: meta[k] for k in REQUIRED if k in meta} | {k: v for k, v in meta.items() if k not in REQUIRED}
    meta_path(path).write_text(yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False), encoding="utf-8")

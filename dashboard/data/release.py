"""Immutable releases of the published data, switched atomically.

Layout under :func:`dashboard.settings.releases_dir`::

    CURRENT                 one line: the id of the release the app serves
    revisions.csv           append-only log, figure by figure, of what each release changed
    2025-12-01T101500Z-0001/
        statistik.csv       the tidy statistics table (resmi + contoh, with provenance)
        psks_publik.csv     the public roster projection (allowlisted columns only)
        manifest.json       id, time, parent, row counts, sha256 of each file, validation status

A release folder is written under a temporary name, fsynced, renamed into place, and only then is
``CURRENT`` replaced (``os.replace`` of a temp file): a reader sees the old release or the new one,
never half of one. Releases are never modified or deleted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from dashboard.data.schema import BOOL_COLUMNS, ROSTER_PUBLIC_COLUMNS, STAT_COLUMNS, validate_statistics
from dashboard.settings import REFERENCE_DIR, releases_dir

log = logging.getLogger(__name__)

STATS_FILE = "statistik.csv"
ROSTER_FILE = "psks_publik.csv"
MANIFEST_FILE = "manifest.json"
REVISION_COLUMNS = ["release", "waktu", "fig_id", "perubahan", "nilai_lama", "nilai_baru", "indicator",
                    "program", "kode_wilayah", "year", "period", "status"]


class ReleaseError(RuntimeError):
    """A release cannot be read (missing, half-written or corrupt)."""


@dataclass(frozen=True)
class Release:
    """A loaded, verified release: an immutable value, loaded by id.

    ``mode`` is ``resmi`` for a published release and ``contoh`` for the demonstration value derived
    from one (:mod:`dashboard.data.demo`). Treat the frames as read-only: the app shares one value
    between all sessions.
    """

    release_id: str
    path: Path
    manifest: dict
    statistics: pd.DataFrame
    roster: pd.DataFrame
    mode: str = "resmi"

    @property
    def published_at(self) -> str:
        return self.manifest["created"]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_statistics(path: Path) -> pd.DataFrame:
    """The statistics table of a release file, typed; a malformed flag refuses the whole file.

    Boolean columns hold exactly ``True`` or ``False``: anything else (``ya``, ``1``, an empty cell)
    raises :class:`ReleaseError` naming the column and the line, rather than being read as True.
    """
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in STAT_COLUMNS if c not in frame.columns]
    if missing:
        raise ReleaseError(f"{path.name}: kolom tidak ada (rilis format lama): {', '.join(missing)}. "
                           "Terbitkan ulang: python -m dashboard.data init")
    frame["year"] = pd.to_numeric(frame["year"]).astype("Int64")
    frame["value"] = pd.to_numeric(frame["value"]).astype(float)
    frame["precision"] = pd.to_numeric(frame["precision"]).astype(float)
    for column in BOOL_COLUMNS:
        parsed = frame[column].map({"True": True, "False": False})
        if parsed.isna().any():
            line = int(parsed.index[parsed.isna()][0]) + 2  # header is line 1
            raise ReleaseError(f"{path.name}, baris {line}, kolom '{column}': nilai "
                               f"{frame.at[line - 2, column]!r} bukan True atau False.")
        frame[column] = parsed.astype(bool)
    return frame[STAT_COLUMNS]


def write_statistics(frame: pd.DataFrame, path: Path) -> None:
    """Write the statistics table; refuses boolean columns that do not hold only True/False."""
    for column in BOOL_COLUMNS:
        if not frame[column].map(lambda v: v is True or v is False or type(v).__name__ == "bool_").all():
            raise ReleaseError(f"kolom '{column}' harus berisi True atau False saja; rilis tidak ditulis.")
    out = frame[STAT_COLUMNS].copy()
    out["value"] = out["value"].map(lambda v: f"{v:.15g}")
    out.to_csv(path, index=False, lineterminator="\n")


def current_id(root: Path | None = None) -> str | None:
    pointer = (root or releases_dir()) / "CURRENT"
    return pointer.read_text(encoding="utf-8").strip() or None if pointer.exists() else None


def created(release_id: str, root: Path | None = None) -> str:
    """When a release was written (ISO time from its manifest; only the manifest is read)."""
    manifest = json.loads(((root or releases_dir()) / release_id / MANIFEST_FILE).read_text(encoding="utf-8"))
    return manifest["created"]


def list_releases(root: Path | None = None) -> list[str]:
    root = root or releases_dir()
    if not root.exists():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and (p / MANIFEST_FILE).exists())


#: What reading a release can raise when its files are missing, truncated or malformed. Anything else
#: (a TypeError, an AttributeError) is a bug in this code and propagates: it must not pass for "no release".
READ_ERRORS = (OSError, ValueError, KeyError, UnicodeError, json.JSONDecodeError, pd.errors.ParserError,
               pd.errors.EmptyDataError)


def load_release(release_id: str, root: Path | None = None) -> Release:
    """Load one release by id and verify every file against its manifest checksum.

    Raises :class:`ReleaseError` (with the reason, in Indonesian) when the release is missing, damaged
    or not in the published format; a bug in this function is not turned into that error.
    """
    path = (root or releases_dir()) / release_id
    try:
        manifest = json.loads((path / MANIFEST_FILE).read_text(encoding="utf-8"))
        for name, expected in manifest["files"].items():
            if sha256_file(path / name) != expected:
                raise ReleaseError(f"Rilis {release_id}: checksum {name} tidak cocok (berkas rusak).")
        statistics = read_statistics(path / STATS_FILE)
        roster = pd.read_csv(path / ROSTER_FILE, dtype=str, keep_default_na=False)
    except ReleaseError:
        raise
    except READ_ERRORS as exc:
        raise ReleaseError(f"Rilis {release_id} tidak dapat dibaca: {type(exc).__name__}: {exc}") from exc
    if list(roster.columns) != ROSTER_PUBLIC_COLUMNS:
        raise ReleaseError(f"Rilis {release_id}: kolom roster publik bukan daftar yang diizinkan.")
    return Release(release_id, path, manifest, statistics, roster)


@dataclass(frozen=True)
class Served:
    """What the app serves: the newest good release, and the newer ones skipped with the reason."""

    release: Release
    skipped: list[str]
    reasons: dict[str, str] = field(default_factory=dict)


def load_newest_good(root: Path | None = None, load: Callable[[str], Release] | None = None) -> Served:
    """The release named by ``CURRENT``, or the newest earlier one that verifies if it is broken.

    ``load`` loads one release by id (default :func:`load_release` under ``root``; the app passes its
    cached loader). Every skipped release is logged with its reason.
    """
    root = root or releases_dir()
    load = load or (lambda rid: load_release(rid, root))
    ids = list_releases(root)
    pointer = current_id(root)
    if pointer in ids:
        ids = ids[: ids.index(pointer) + 1]
    skipped, reasons = [], {}
    for release_id in reversed(ids):
        try:
            served = Served(load(release_id), skipped, reasons)
        except ReleaseError as exc:
            skipped.append(release_id)
            reasons[release_id] = str(exc)
            log.warning("release %s skipped: %s", release_id, exc)
            continue
        return served
    raise ReleaseError(f"Tidak ada rilis data yang dapat dibaca di {root}.")


def _new_id(root: Path) -> str:
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    return f"{stamp}-{len(list_releases(root)) + 1:04d}"


def diff_statistics(old: pd.DataFrame | None, new: pd.DataFrame) -> pd.DataFrame:
    """Figure-by-figure changes from ``old`` to ``new``: ``baru``, ``dihapus`` or ``diubah``.

    Vectorised on ``fig_id`` (a row-by-row loop took ~0.5 s per publish on the full table).
    """
    keys = ["fig_id", "indicator", "program", "kode_wilayah", "year", "period", "status"]
    if old is None or old.empty:
        old = new.iloc[0:0]
    o, n = old.set_index("fig_id"), new.set_index("fig_id")
    common = n.index.intersection(o.index)
    differs = o.loc[common, "value"].to_numpy() != n.loc[common, "value"].to_numpy()
    parts = [
        n.loc[n.index.difference(o.index)].assign(perubahan="baru", nilai_lama=None, nilai_baru=lambda f: f.value),
        o.loc[o.index.difference(n.index)].assign(perubahan="dihapus", nilai_lama=lambda f: f.value, nilai_baru=None),
        n.loc[common[differs]].assign(perubahan="diubah", nilai_lama=o.loc[common[differs], "value"].to_numpy(),
                                      nilai_baru=lambda f: f.value),
    ]
    out = pd.concat(parts).reset_index()
    for column in ("nilai_lama", "nilai_baru"):
        out[column] = ["" if pd.isna(v) else f"{v:.15g}" for v in out[column]]
    return out[keys + ["perubahan", "nilai_lama", "nilai_baru"]]


def publish(statistics: pd.DataFrame, roster_public: pd.DataFrame, note: str, root: Path | None = None) -> str:
    """Write a new immutable release and switch ``CURRENT`` to it atomically. Returns its id.

    The statistics are checked against the schema here, whatever the caller did before, and the
    manifest records that check (rules, rows, result) and the checksums of the reference lists it was
    checked against. Raises ``ValueError`` for a roster with non-allowlisted columns and
    :class:`ReleaseError` when the schema check fails; nothing is written then.
    """
    if list(roster_public.columns) != ROSTER_PUBLIC_COLUMNS:
        raise ValueError("roster_public must have exactly the public allowlist columns")
    if statistics["status"].ne("resmi").any():
        # Generated demonstration figures are shown only in the demonstration mode (dashboard.data.demo),
        # derived at load time; a release holds published figures only.
        raise ReleaseError("Rilis hanya memuat angka resmi: DATA CONTOH tidak pernah diterbitkan.")
    problems = validate_statistics(statistics, STATS_FILE)
    if problems:
        raise ReleaseError("Statistik tidak lolos pemeriksaan skema: "
                           + "; ".join(p.message() for p in problems[:20]))
    root = root or releases_dir()
    root.mkdir(parents=True, exist_ok=True)
    # Diff against what visitors are served: a damaged CURRENT must not block the repair release.
    try:
        base = load_newest_good(root).release
    except ReleaseError:
        base = None  # first release, or none readable: every figure is new
    parent = base.release_id if base else None
    old = base.statistics if base else None
    release_id = _new_id(root)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
    tmp.chmod(0o755)
    write_statistics(statistics, tmp / STATS_FILE)
    roster_public.to_csv(tmp / ROSTER_FILE, index=False, lineterminator="\n")
    manifest = {
        "id": release_id, "created": datetime.now(UTC).isoformat(timespec="seconds"), "parent": parent,
        "note": note, "rows": {STATS_FILE: len(statistics), ROSTER_FILE: len(roster_public)},
        "files": {name: sha256_file(tmp / name) for name in (STATS_FILE, ROSTER_FILE)},
        "validation": {"check": "dashboard.data.schema.statistics_schema", "rows": len(statistics),
                       "problems": 0, "result": "lulus"},
        "reference": {p.name: sha256_file(p) for p in sorted(REFERENCE_DIR.glob("*.csv"))},
    }
    (tmp / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    for f in tmp.iterdir():
        with open(f, "rb") as fh:
            os.fsync(fh.fileno())
    os.rename(tmp, root / release_id)
    changes = diff_statistics(old, statistics).assign(release=release_id, waktu=manifest["created"])
    log = root / "revisions.csv"
    changes[REVISION_COLUMNS].to_csv(log, mode="a", header=not log.exists(), index=False, lineterminator="\n")
    pointer_tmp = root / f".CURRENT.{os.getpid()}"
    pointer_tmp.write_text(release_id + "\n", encoding="utf-8")
    os.replace(pointer_tmp, root / "CURRENT")
    return release_id


def revisions(root: Path | None = None) -> pd.DataFrame:
    log = (root or releases_dir()) / "revisions.csv"
    if not log.exists():
        return pd.DataFrame(columns=REVISION_COLUMNS)
    return pd.read_csv(log, dtype=str, keep_default_na=False)

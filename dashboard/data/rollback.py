"""Rollback: make an earlier release current again, as a new release that says so.

Nothing is deleted or rewritten. :func:`rollback` loads the chosen release (verifying its checksums),
publishes its statistics and public roster again through :func:`dashboard.data.release.publish` (so
the revision log records every figure that changes back, figure by figure), and appends one
``pemulihan`` line to the revision log naming the restored release (``fig_id`` =
``rilis:<restored id>``). The new release's note says which release it restores and which one it
replaces. :func:`history` is the list the staff page shows: every release with its date, who made it
(from the audit log) and a summary.

Only the public functions of :mod:`dashboard.data.release` are used (``publish``, ``load_release``,
``list_releases``, ``current_id``, ``revisions``); the extra revision line uses its column list.
"""

from __future__ import annotations

import contextlib
import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.data import audit, release
from dashboard.settings import releases_dir

ROLLBACK_CHANGE = "pemulihan"
LOCK_FILE = ".publish.lock"  # the same lock file the staff publish command takes


class RollbackError(ValueError):
    """The rollback cannot be done; the message is for staff, in Indonesian."""


@contextlib.contextmanager
def publish_lock(root: Path | None = None) -> Iterator[None]:
    """One publisher at a time, shared with ``python -m dashboard.data publish`` (POSIX flock)."""
    root = root or releases_dir()
    root.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:
        yield
        return
    with open(root / LOCK_FILE, "a", encoding="utf-8") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@dataclass(frozen=True)
class Rolled:
    """A finished rollback: the new release, the restored one and the one it replaced."""

    release_id: str
    restored: str
    replaced: str | None
    changes: int  # figures whose value differs between the replaced and the restored release


def rollback_note(target: str, replaced: str | None, user: str) -> str:
    """The note of the new release (shown on the Metodologi page as the release note)."""
    return (f"Pemulihan: isi rilis {target} diterbitkan lagi sebagai rilis baru"
            f"{f', menggantikan rilis {replaced}' if replaced else ''} (oleh {user}).")


def rollback(target: str, user: str, root: Path | None = None) -> Rolled:
    """Publish release ``target`` again as a new current release; log it in the revision log.

    Raises
    ------
    RollbackError
        When ``target`` is not a release, is already current, or does not verify.
    """
    root = root or releases_dir()
    if target not in release.list_releases(root):
        raise RollbackError(f"Rilis {target} tidak ada.")
    with publish_lock(root):
        current = release.current_id(root)
        if target == current:
            raise RollbackError(f"Rilis {target} sudah menjadi rilis aktif; tidak ada yang dipulihkan.")
        try:
            old = release.load_release(target, root)
        except release.ReleaseError as exc:
            raise RollbackError(f"Rilis {target} rusak dan tidak dapat dipulihkan: {exc}") from exc
        new_id = release.publish(old.statistics, old.roster, rollback_note(target, current, user), root)
        _log_rollback(new_id, target, root)
    log = release.revisions(root)
    changed = int((log["release"].eq(new_id) & log["perubahan"].ne(ROLLBACK_CHANGE)).sum())
    return Rolled(new_id, target, current, changed)


def _log_rollback(new_id: str, target: str, root: Path) -> None:
    """One revision line saying that ``new_id`` restores ``target`` (after the figure lines)."""
    manifest = json.loads((root / new_id / release.MANIFEST_FILE).read_text(encoding="utf-8"))
    line = dict.fromkeys(release.REVISION_COLUMNS, "")
    line.update(release=new_id, waktu=manifest["created"], fig_id=f"rilis:{target}", perubahan=ROLLBACK_CHANGE)
    path = root / "revisions.csv"
    with open(path, "a", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, release.REVISION_COLUMNS, lineterminator="\n")
        if fh.tell() == 0:
            writer.writeheader()
        writer.writerow(line)


def history(root: Path | None = None) -> pd.DataFrame:
    """Every release, newest first: ``rilis, waktu, pengguna, catatan, angka, roster, aktif, rusak``.

    ``pengguna`` comes from the audit log (empty for releases made before it existed, e.g. by
    ``init``); ``rusak`` marks a release whose manifest cannot be read.
    """
    root = root or releases_dir()
    users = audit.publisher_of(audit.read(root))
    current = release.current_id(root)
    rows = []
    for rid in reversed(release.list_releases(root)):
        try:
            manifest = json.loads((root / rid / release.MANIFEST_FILE).read_text(encoding="utf-8"))
            rows.append({"rilis": rid, "waktu": manifest.get("created", ""), "pengguna": users.get(rid, ""),
                         "catatan": manifest.get("note", ""),
                         "angka": int(manifest.get("rows", {}).get(release.STATS_FILE, 0)),
                         "roster": int(manifest.get("rows", {}).get(release.ROSTER_FILE, 0)),
                         "aktif": rid == current, "rusak": False})
        except (OSError, ValueError, AttributeError):
            rows.append({"rilis": rid, "waktu": "", "pengguna": users.get(rid, ""), "catatan": "",
                         "angka": 0, "roster": 0, "aktif": rid == current, "rusak": True})
    return pd.DataFrame(rows, columns=["rilis", "waktu", "pengguna", "catatan", "angka", "roster", "aktif", "rusak"])

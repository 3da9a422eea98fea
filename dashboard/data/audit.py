"""The staff audit log: who did what, when, to which file and which release.

``releases_dir()/audit.csv`` is append-only: every line is written with one ``O_APPEND`` write under
the publishing lock's sibling lock, never rewritten. Columns:

===========  ================================================================================
waktu_utc    ISO 8601 time in UTC (``2026-12-01T10:15:00+00:00``)
pengguna     user name as the proxy authenticated it (``X-Dasbor-User`` set by nginx), or
             ``cli:<login>`` for a command run on the server
aksi         ``periksa``, ``terbitkan``, ``pulihkan``, ``periksa_roster``, ``impor_roster``,
             ``unduh_templat``
berkas       the uploaded file's (cleaned) name, empty when there is none
sha256       SHA-256 of the uploaded file's bytes
rilis        the release the action produced, or the one it was checked against
hasil        ``lolos``, ``ditolak``, ``diterbitkan``, ``tidak_berubah``, ``gagal``
keterangan   a short note (counts, the restored release); never a cell of the file
===========  ================================================================================

Nothing private goes in: file names are cleaned, values are never copied from files, and every
field is neutralised for spreadsheets (a leading ``= + - @`` gets a ``'``) and stripped of control
characters, so the log itself cannot forge lines or carry a formula.
"""

from __future__ import annotations

import csv
import getpass
import io
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from dashboard.settings import releases_dir

AUDIT_FILE = "audit.csv"
COLUMNS = ["waktu_utc", "pengguna", "aksi", "berkas", "sha256", "rilis", "hasil", "keterangan"]
ACTIONS = ("periksa", "terbitkan", "pulihkan", "periksa_roster", "impor_roster", "unduh_templat")
OUTCOMES = ("lolos", "ditolak", "diterbitkan", "tidak_berubah", "gagal")
#: User names the staff side accepts from the proxy (htpasswd names, e-mail addresses for OIDC).
USER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def audit_path(root: Path | None = None) -> Path:
    return (root or releases_dir()) / AUDIT_FILE


def cli_user() -> str:
    """The name recorded for a command run on the server."""
    try:
        login = getpass.getuser()
    except Exception:  # no login name (a container without passwd entry)
        login = str(os.getuid())
    return "cli:" + (login if USER_NAME.match(login) else "tidak-dikenal")


def _field(value: object) -> str:
    text = _CONTROL.sub(" ", "" if value is None else str(value)).strip()[:300]
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def record(action: str, user: str, outcome: str, *, file_name: str | None = None, sha256: str | None = None,
           release_id: str | None = None, note: str = "", root: Path | None = None,
           now: datetime | None = None) -> dict[str, str]:
    """Append one line to the audit log; return it.

    Raises
    ------
    ValueError
        For an unknown action or outcome, or a user name the staff side does not accept (a bug or a
        forged header; nothing is written).
    """
    if action not in ACTIONS or outcome not in OUTCOMES:
        raise ValueError(f"unknown audit action/outcome: {action}/{outcome}")
    if not (USER_NAME.match(user) or (user.startswith("cli:") and USER_NAME.match(user[4:]))):
        raise ValueError("user name not accepted for the audit log")
    row = {
        "waktu_utc": (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds"),
        "pengguna": user, "aksi": action, "berkas": _field(file_name), "sha256": _field(sha256),
        "rilis": _field(release_id), "hasil": outcome, "keterangan": _field(note),
    }
    path = audit_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\n")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        _lock(fd)
        if os.fstat(fd).st_size == 0:
            writer.writeheader()
        writer.writerow(row)
        os.write(fd, buffer.getvalue().encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)  # closing releases the lock
    return row


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:
        return
    fcntl.flock(fd, fcntl.LOCK_EX)


def read(root: Path | None = None) -> pd.DataFrame:
    """The whole log (empty frame with the columns when nothing was logged yet)."""
    path = audit_path(root)
    if not path.exists():
        return pd.DataFrame(columns=COLUMNS)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def publisher_of(log: pd.DataFrame) -> dict[str, str]:
    """Release id -> the user whose action produced it (publish, rollback or roster import)."""
    made = log[log["hasil"].eq("diterbitkan")]
    return dict(zip(made["rilis"], made["pengguna"], strict=True))

"""Private staff files: a folder only the server user can read, files only the owner can read.

:func:`dashboard.settings.private_dir` (default ``data/private/``, gitignored, mode 700) holds the full PSKS
roster as Dinsos sent it, the key that turns a NIK into a stable public id, and the temporary copies
of files staff upload on the staff page. Every file is created with mode 600 from the start (never
written first and restricted afterwards). The public app never imports this module
(``tests/staff/test_private_boundary.py``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from dashboard.settings import private_dir

DIR_MODE = 0o700
FILE_MODE = 0o600
KEY_FILE = "kunci_id_publik.bin"
#: Characters kept in an uploaded file's name (the name is shown to staff and, for statistics, ends up
#: in each figure's note); everything else becomes "_".
_NAME_CHARS = re.compile(r"[^A-Za-z0-9 ._()+-]")


def ensure_dir(path: Path | None = None) -> Path:
    """``path`` (default: the private folder) created if needed and set to mode 700."""
    path = Path(path or private_dir())
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    path.chmod(DIR_MODE)
    return path


def write_private(path: Path, data: bytes) -> Path:
    """Write a new file with mode 600 (refuses to overwrite: private files are never replaced)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return path


def safe_name(name: str, default: str = "berkas") -> str:
    """A file name safe to keep on disk and to print: no folders, no control characters, <= 100 chars."""
    base = Path(str(name).replace("\\", "/")).name
    cleaned = _NAME_CHARS.sub("_", base).strip(" .") or default
    stem, dot, suffix = cleaned.rpartition(".")
    if dot and len(suffix) <= 5:
        return stem[: 100 - len(suffix) - 1] + "." + suffix
    return cleaned[:100]


@contextlib.contextmanager
def upload_copy(name: str, data: bytes) -> Iterator[Path]:
    """A private temporary copy of an uploaded file under its (cleaned) own name; removed afterwards."""
    tmp_root = ensure_dir(ensure_dir() / "tmp")
    folder = Path(tempfile.mkdtemp(prefix="unggah-", dir=tmp_root))  # mkdtemp: mode 700
    try:
        yield write_private(folder / safe_name(name), data)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def public_id_key() -> bytes:
    """The secret key of :func:`dashboard.data.roster_import.public_id` (created once, mode 600)."""
    path = ensure_dir() / KEY_FILE
    if not path.exists():
        with contextlib.suppress(FileExistsError):  # two first imports at once: the first one wins
            write_private(path, secrets.token_bytes(32))
    return path.read_bytes()

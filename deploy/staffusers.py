"""Staff accounts for nginx basic auth in front of /staf/: ``make staff-user NAME=...``.

    python -m deploy.staffusers add NAME [--file PATH]     # asks for the password twice
    STAFF_PASSWORD=... python -m deploy.staffusers add NAME # non-interactive (tests, provisioning)
    python -m deploy.staffusers remove NAME | list

The file (default ``data/private/staf.htpasswd``: private folder, mode 600) holds ``name:hash`` lines.
Hashes are **bcrypt** (``$2b$``, cost 10) made with the ``bcrypt`` package. nginx verifies any hash
through the system's crypt(3); on Debian that is libxcrypt, which knows bcrypt. bcrypt is chosen over
``openssl passwd -apr1`` (MD5, 1000 rounds: a leaked file is cracked quickly) and over SHA-512 crypt
(cheap on GPUs). Cost 10 takes ~55 ms per check on this 2-core machine: nginx checks the password on
every authenticated request, which is why the staff bundle files are served without a check (see
docs/staff.md) and authenticated requests are rate-limited per address.
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
import tempfile
from pathlib import Path

from dashboard.settings import private_dir

COST = 10
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")  # the staff side's accepted user names
MIN_PASSWORD = 12


def default_file() -> Path:
    return private_dir() / "staf.htpasswd"


def hash_password(password: str, cost: int = COST) -> str:
    import bcrypt

    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(cost, prefix=b"2b")).decode("ascii")


def read_entries(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, sep, hashed = line.partition(":")
        if sep and name:
            entries[name] = hashed
    return entries


def write_entries(path: Path, entries: dict[str, str]) -> None:
    """Replace the file atomically; folder mode 700, file mode 600 from the start."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".htpasswd-", dir=path.parent)  # mkstemp: mode 600
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.writelines(f"{name}:{hashed}\n" for name, hashed in sorted(entries.items()))
    os.replace(tmp, path)


def add(path: Path, name: str, password: str) -> None:
    """Add ``name`` or change its password.

    Raises
    ------
    ValueError
        For a name nginx or the audit log would not accept, or a password shorter than 12 characters.
    """
    if not NAME.match(name):
        raise ValueError("nama pengguna hanya huruf, angka dan . _ @ + - (maks. 64), diawali huruf/angka")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"kata sandi minimal {MIN_PASSWORD} karakter")
    entries = read_entries(path)
    entries[name] = hash_password(password)
    write_entries(path, entries)


def _password() -> str:
    if "STAFF_PASSWORD" in os.environ:
        return os.environ["STAFF_PASSWORD"]
    first = getpass.getpass("Kata sandi baru: ")
    if first != getpass.getpass("Ulangi kata sandi: "):
        raise ValueError("kedua kata sandi tidak sama")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.staffusers", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["add", "remove", "list"])
    parser.add_argument("name", nargs="?")
    parser.add_argument("--file", type=Path, default=None)
    args = parser.parse_args(argv)
    path = args.file or default_file()
    try:
        if args.action == "list":
            print("\n".join(read_entries(path)) or "(belum ada pengguna)")
        elif not args.name:
            raise ValueError("NAMA wajib diisi (make staff-user NAME=...)")
        elif args.action == "add":
            add(path, args.name, _password())
            print(f"Pengguna {args.name} disimpan di {path}.")
        else:
            entries = read_entries(path)
            if entries.pop(args.name, None) is None:
                raise ValueError(f"pengguna {args.name} tidak ada")
            write_entries(path, entries)
            print(f"Pengguna {args.name} dihapus dari {path}.")
    except ValueError as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

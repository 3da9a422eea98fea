"""Process and HTTP helpers of the launcher (kept apart so deploy/launch.py stays one idea)."""

from __future__ import annotations

import contextlib
import ctypes
import signal
import socket
import urllib.error
import urllib.request


def free_port(host: str = "127.0.0.1") -> int:
    """A loopback port that was free a moment ago."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """In the child before exec: get SIGTERM when the launcher dies, even by SIGKILL (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


#: Loopback requests never go through an HTTP proxy from the environment.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http_status(url: str, host: str | None = None, timeout: float = 2) -> int | None:
    """The status of a GET, or None when nothing answered."""
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with DIRECT.open(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


__all__ = ["DIRECT", "die_with_parent", "free_port", "http_status"]

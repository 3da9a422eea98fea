"""Helpers for the deployment tests (imported by the tests and by conftest.py)."""

from __future__ import annotations

import http.client

SITE_MARKER = "Versi ringan untuk uji"


def raw_request(port: int, path: str, method: str = "GET", headers: dict[str, str] | None = None,
                host: str | None = None) -> tuple[http.client.HTTPResponse, bytes]:
    """One request to 127.0.0.1:``port`` with full control over headers (no decompression)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host or f"127.0.0.1:{port}")
        for key, value in (headers or {}).items():
            conn.putheader(key, value)
        conn.endheaders()
        response = conn.getresponse()
        return response, response.read()
    finally:
        conn.close()

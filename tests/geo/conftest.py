"""Shared fixtures of the boundary tests: real data (skipped when absent), synthetic data, a local HTTP server."""

from __future__ import annotations

import http.server
import threading
import time

import pytest
from geo_testdata import MINI_REFERENCE, MINI_VILLAGES, VILLAGE_FILE, require_shared


@pytest.fixture(scope="session")
def reference():
    from dashboard.geo.reference import load_reference

    return load_reference()


@pytest.fixture(scope="session")
def mini_reference():
    from dashboard.geo.reference import load_reference

    return load_reference(MINI_REFERENCE)


@pytest.fixture(scope="session")
def real_build(reference):
    """Pipeline run once on the real village file: (kabkota, kecamatan, seconds taken)."""
    require_shared()
    from dashboard.geo.build import build_layers, read_villages

    start = time.perf_counter()
    kab, kec = build_layers(read_villages(VILLAGE_FILE), reference)
    return kab, kec, time.perf_counter() - start


@pytest.fixture(scope="session")
def mini_build(mini_reference):
    from dashboard.geo.build import build_layers, read_villages

    return build_layers(read_villages(MINI_VILLAGES), mini_reference)


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves ``server.routes[path] = (body, mode)``; mode ``"truncate"`` announces 100x the body length."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 (http.server naming)
        self.server.hits[self.path] = self.server.hits.get(self.path, 0) + 1
        if self.path not in self.server.routes:
            self.send_error(404)
            return
        body, mode = self.server.routes[self.path]
        self.send_response(200)
        announced = len(body) * 100 if mode == "truncate" else len(body)
        self.send_header("Content-Length", str(announced))
        self.send_header("Content-Type", "application/octet-stream")
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = True  # a truncated response ends with the connection closing

    def log_message(self, format, *args):  # noqa: A002 - quiet during tests
        pass


@pytest.fixture
def http_server():
    """HTTP server on 127.0.0.1 (random free port); ``serve(path, body, mode)`` returns the URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.routes, server.hits = {}, {}
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()

    def serve(path: str, body: bytes, mode: str = "normal") -> str:
        server.routes[path] = (body, mode)
        return f"http://127.0.0.1:{server.server_address[1]}{path}"

    serve.hits = server.hits
    yield serve
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)

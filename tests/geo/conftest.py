"""Fixtures of the boundary tests: the committed layers, synthetic village files, a loopback HTTP server."""

from __future__ import annotations

import http.server
import shutil
import threading

import pytest
from geo_testdata import GEO_DIR, MINI_REFERENCE, MINI_SOURCES, snapshot


@pytest.fixture(scope="session")
def reference():
    from dashboard.geo.reference import load_reference

    return load_reference()


@pytest.fixture(scope="session")
def mini_reference():
    from dashboard.geo.reference import load_reference

    return load_reference(MINI_REFERENCE)


@pytest.fixture(scope="session")
def committed_layers():
    """The committed detailed layers (kabkota, kecamatan) as GeoDataFrames."""
    from dashboard.geo.geojson import read_layer

    return read_layer(GEO_DIR / "banten_kabkota.geojson"), read_layer(GEO_DIR / "banten_kecamatan.geojson")


@pytest.fixture(scope="session")
def mini_build(mini_reference):
    """The pipeline on the synthetic village files: (kabkota, kecamatan)."""
    from dashboard.geo.build import build_layers
    from dashboard.geo.rebuild import read_inputs
    from dashboard.geo.sources import SourceFile

    paths = sorted(MINI_SOURCES.glob("id*.geojson"))
    entries = [SourceFile(p.name, "", "", 0, p.name[2:6]) for p in paths]
    return build_layers(read_inputs(paths, entries, {}), mini_reference)


@pytest.fixture
def geo_copy(tmp_path):
    """A copy of the committed geo/ folder and its snapshot, to prove a failed build leaves it unchanged."""
    dest = tmp_path / "geo"
    shutil.copytree(GEO_DIR, dest, ignore=shutil.ignore_patterns(".cache"))
    return dest, snapshot(dest)


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves ``server.routes[path] = (body, mode)``.

    Modes: ``normal``; ``truncate`` announces 100x the body length and closes after the body (a download
    cut off with a Content-Length); ``unsized`` sends no Content-Length and closes after the body (cut off
    without one); ``html`` sends the body as ``text/html`` (an error page answered with status 200).
    """

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.server.hits[self.path] = self.server.hits.get(self.path, 0) + 1
        if self.path not in self.server.routes:
            self.send_error(404)
            return
        body, mode = self.server.routes[self.path]
        self.send_response(200)
        if mode != "unsized":
            self.send_header("Content-Length", str(len(body) * 100 if mode == "truncate" else len(body)))
        self.send_header("Content-Type", "text/html; charset=utf-8" if mode == "html" else "application/geo+json")
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, format, *args):
        pass


@pytest.fixture
def http_server():
    """HTTP server on 127.0.0.1 (free port) in a thread; ``serve(path, body, mode)`` returns the URL,
    ``serve.base`` is the server's base URL and ``serve.hits`` counts requests per path."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.routes, server.hits = {}, {}
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    def serve(path: str, body: bytes, mode: str = "normal") -> str:
        server.routes[path] = (body, mode)
        return base + path

    serve.base, serve.hits = base, server.hits
    yield serve
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)

"""The worker wrapper switches Nagle's algorithm off for the sockets Streamlit accepts."""

from __future__ import annotations

import asyncio.base_events
import socket

from deploy import worker


def _nodelay(sock: socket.socket) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_streamlit_like_sockets_get_tcp_nodelay(monkeypatch):
    # Streamlit binds its listening socket with protocol number 0; accepted sockets inherit it.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        assert sock.proto == 0
        asyncio.base_events._set_nodelay(sock)
        assert _nodelay(sock) == 0  # the standard helper leaves it on: the 40 ms stall
        monkeypatch.setattr(asyncio.base_events, "_set_nodelay", asyncio.base_events._set_nodelay)
        worker.install()
        asyncio.base_events._set_nodelay(sock)
        assert _nodelay(sock) == 1


def test_other_sockets_are_left_to_the_standard_helper(monkeypatch):
    monkeypatch.setattr(asyncio.base_events, "_set_nodelay", asyncio.base_events._set_nodelay)
    worker.install()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        asyncio.base_events._set_nodelay(udp)  # no error, nothing set


def test_public_workers_answer_404_for_staff_paths():
    """The ASGI guard a public worker puts in front of Streamlit (deploy.worker.RefuseStaffPaths)."""
    import asyncio

    seen: list[str] = []

    async def app(scope, receive, send):
        seen.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"app"})

    async def call(path: str, kind: str = "http") -> list[dict]:
        sent: list[dict] = []

        async def send(message: dict) -> None:
            sent.append(message)

        async def receive() -> dict:
            return {"type": "websocket.connect"} if kind == "websocket" else {"type": "http.request", "body": b""}

        await worker.RefuseStaffPaths(app)({"type": kind, "path": path, "headers": []}, receive, send)
        return sent

    for path in ("/staf", "/staf/", "/staf/unggah", "/staf/_stcore/health", "/STAF/rilis", "//staf/"):
        assert asyncio.run(call(path))[0]["status"] == 404, path
    assert asyncio.run(call("/staf/_stcore/stream", "websocket"))[0]["type"] == "websocket.close"
    assert seen == []
    for path in ("/", "/peta", "/stafx", "/wilayah", "/app/static/data/statistik.csv"):
        assert asyncio.run(call(path))[0]["status"] == 200, path
    assert seen == ["/", "/peta", "/stafx", "/wilayah", "/app/static/data/statistik.csv"]

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

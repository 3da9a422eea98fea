"""Start a Streamlit worker with TCP_NODELAY on its connections: ``python -m deploy.worker run APP ...``.

Streamlit 1.67 binds its server socket itself, without ``IPPROTO_TCP`` as the protocol number, and
asyncio only switches off Nagle's algorithm for sockets created with it
(``asyncio.base_events._set_nodelay``). So the last small frames of every script run waited for the
client's delayed ACK, about 40 ms per interaction (measured by bench/run.py; through nginx the
nginx-to-worker hop paid it too). This wrapper lets asyncio set TCP_NODELAY on every TCP stream socket
it accepts, whatever protocol number the listening socket was created with, then runs Streamlit's own
command line unchanged. It only widens a condition in the standard library's own helper.

A public worker (any app but ``dashboard/staff_app.py``) also answers 404 for every staff path
(``/staf`` and below, however cased or slashed), before Streamlit sees the request: Streamlit would
otherwise answer any path with its page shell (200). The staff app has its own worker behind nginx's
password (docs/staff.md); a public worker asked directly must not look as if it had one.
"""

from __future__ import annotations

import asyncio.base_events
import re
import socket
import sys
from pathlib import Path

_original = asyncio.base_events._set_nodelay


def _set_nodelay(sock: socket.socket) -> None:
    """asyncio's helper, also for TCP stream sockets whose protocol number is 0 ("default")."""
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM \
            and sock.proto in (0, socket.IPPROTO_TCP):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return
    _original(sock)


def install() -> None:
    asyncio.base_events._set_nodelay = _set_nodelay


#: A staff path: /staf, /staf/..., in any case, with doubled slashes.
STAFF_PATH = re.compile(r"^/+staf(/|$)", re.IGNORECASE)


class RefuseStaffPaths:
    """ASGI middleware: 404 (HTTP) or a refused handshake (websocket) for staff paths."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] in ("http", "websocket") and STAFF_PATH.match(scope.get("path", "")):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            body = b"Halaman tidak ditemukan."
            await send({"type": "http.response.start", "status": 404,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                    (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


def refuse_staff_paths() -> None:
    """Put :class:`RefuseStaffPaths` in front of the app Streamlit's server creates."""
    from streamlit.web.server.starlette import starlette_server

    create = starlette_server.create_starlette_app

    def create_guarded(runtime):
        app = create(runtime)
        app.add_middleware(RefuseStaffPaths)
        return app

    starlette_server.create_starlette_app = create_guarded


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    install()
    if not (len(args) > 1 and args[0] == "run" and Path(args[1]).name == "staff_app.py"):
        refuse_staff_paths()
    from streamlit.web import cli

    sys.argv = ["streamlit", *args]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())

"""Start a Streamlit worker with TCP_NODELAY on its connections: ``python -m deploy.worker run APP ...``.

Streamlit 1.67 binds its server socket itself, without ``IPPROTO_TCP`` as the protocol number, and
asyncio only switches off Nagle's algorithm for sockets created with it
(``asyncio.base_events._set_nodelay``). So the last small frames of every script run waited for the
client's delayed ACK, about 40 ms per interaction (measured by bench/run.py; through nginx the
nginx-to-worker hop paid it too). This wrapper lets asyncio set TCP_NODELAY on every TCP stream socket
it accepts, whatever protocol number the listening socket was created with, then runs Streamlit's own
command line unchanged. It only widens a condition in the standard library's own helper.
"""

from __future__ import annotations

import asyncio.base_events
import socket
import sys

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


def main(argv: list[str] | None = None) -> int:
    install()
    from streamlit.web import cli

    sys.argv = ["streamlit", *(argv if argv is not None else sys.argv[1:])]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())

"""A minimal Streamlit client over the websocket, the way the browser's frontend talks to the server.

The frontend opens ``/_stcore/stream`` with the subprotocol list ``["streamlit", <xsrf token or
"PLACEHOLDER_AUTH_TOKEN">, <previous session id>]`` (streamlit's ``WebsocketConnection``), sends
protobuf ``BackMsg`` frames (``rerun_script`` carries the query string, page and widget states)
and receives ``ForwardMsg`` frames until ``script_finished``. Used to warm workers up after a start,
by the load benchmark (bench/load.py) and by the deployment tests. Needs ``websockets``, which
Streamlit itself depends on.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NewSession_pb2 import Config

SUBPROTOCOL = "streamlit"
NO_TOKEN = "PLACEHOLDER_AUTH_TOKEN"
#: script_finished values after which no more output of that run comes.
FINAL = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
         ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


@dataclass
class RunResult:
    """What one script run sent back."""

    latency_s: float
    status: int
    messages: int = 0
    bytes: int = 0
    exceptions: list[dict] = field(default_factory=list)
    error_alerts: list[str] = field(default_factory=list)
    config: Config | None = None

    @property
    def ok(self) -> bool:
        """Finished normally, with no exception element and no error box on the page."""
        return self.status == ForwardMsg.FINISHED_SUCCESSFULLY and not self.exceptions and not self.error_alerts


class StreamlitSession:
    """One browser-like session: ``async with StreamlitSession(url) as s: await s.rerun(...)``.

    Parameters
    ----------
    url
        ``ws://host:port/_stcore/stream``.
    headers
        Extra handshake headers (``Cookie`` for nginx's sticky cookie, ``Origin``, ``Host``).
    record
        Keep every raw frame received in ``self.received`` (tests search them).
    """

    def __init__(self, url: str, headers: dict[str, str] | None = None, open_timeout: float = 20,
                 record: bool = False):
        self.url = url
        self.headers = headers or {}
        self.open_timeout = open_timeout
        self.received: list[bytes] | None = [] if record else None
        self.ws = None
        self._cached_hashes: set[str] = set()

    async def __aenter__(self) -> StreamlitSession:
        self.ws = await websockets.connect(
            self.url, subprotocols=[SUBPROTOCOL, NO_TOKEN], additional_headers=self.headers,
            max_size=None, open_timeout=self.open_timeout, user_agent_header="dasbor-bench", proxy=None)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    @property
    def response_headers(self):
        """Headers of the handshake's ``101`` response."""
        return self.ws.response.headers

    async def rerun(self, query_string: str = "", page_name: str = "", timeout: float = 60) -> RunResult:
        """Ask for a script run as the browser does on load or after a URL change; wait for its end.

        Raises
        ------
        TimeoutError
            When ``script_finished`` did not arrive within ``timeout`` seconds.
        websockets.ConnectionClosed
            When the server closed the connection.
        """
        msg = BackMsg()
        msg.rerun_script.query_string = query_string
        msg.rerun_script.page_name = page_name
        msg.rerun_script.cached_message_hashes.extend(sorted(self._cached_hashes))
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        result = RunResult(latency_s=float("nan"), status=-1)
        async with asyncio.timeout(timeout):
            while True:
                data = await self.ws.recv()
                result.messages += 1
                result.bytes += len(data)
                if self.received is not None:
                    self.received.append(data)
                fwd = ForwardMsg()
                fwd.ParseFromString(data)
                if self._read(fwd, result):
                    result.latency_s = time.perf_counter() - start
                    return result

    def _read(self, fwd: ForwardMsg, result: RunResult) -> bool:
        """Record one message; True when it ends the run."""
        if fwd.metadata.cacheable and fwd.hash:
            # The frontend keeps cacheable messages and lists their hashes on the next rerun, so the
            # server sends references instead of the same figure again.
            self._cached_hashes.add(fwd.hash)
        kind = fwd.WhichOneof("type")
        if kind == "new_session":
            result.config = fwd.new_session.config
        elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            element = fwd.delta.new_element
            which = element.WhichOneof("type")
            if which == "exception":
                exc = element.exception
                result.exceptions.append({"type": exc.type, "message": exc.message,
                                          "stack_trace": list(exc.stack_trace)})
            elif which == "alert" and element.alert.format == Alert.ERROR:
                result.error_alerts.append(element.alert.body)
        elif kind == "script_finished" and fwd.script_finished in FINAL:
            result.status = fwd.script_finished
            return True
        return False


async def warm_up(url: str, pages: list[str], timeout: float = 120) -> list[RunResult]:
    """Run each page once in a fresh session, so imports and caches are built before visitors come."""
    results = []
    async with StreamlitSession(url) as session:
        for page in pages:
            results.append(await session.rerun(page_name=page, timeout=timeout))
    return results

"""The benchmark's websocket client: deploy.stclient's session, plus what a timed run must prove.

Two things the plain client does not do:

* **What came back.** A timed run only counts when it finished successfully, showed no exception and no
  error box, was not answered with ``page_not_found`` (Streamlit then runs the default page: a misspelt
  page would be timed as a cheap success), and its deltas hold the content expected of that page
  (:class:`Expect`). Elements the server sends as a reference to a cached message (``ref_hash``) count
  as the element they refer to.
* **Latency that is the page's own.** Streamlit 1.67's server binds its listening socket itself with
  ``socket.socket(family)``, i.e. protocol 0, and asyncio switches Nagle's algorithm off only for sockets
  whose protocol is ``IPPROTO_TCP``. So a plain ``streamlit run`` keeps Nagle on (``deploy/worker.py``,
  which every worker of this project runs through, turns it off): after the first small
  frame of a run, the rest wait until the client acknowledges it, and Linux delays that acknowledgement
  by about 40 ms. Every run of every page then seemed to take 44 ms (the committed 2026-11-28 table).
  With ``quickack=True`` the client sets ``TCP_QUICKACK`` before sending and after every frame, so the
  time measured is the server's; with ``quickack=False`` it is what a client with default TCP settings
  waits (reported separately as the delayed-ACK stall).
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from deploy.stclient import RunResult, StreamlitSession


class RunCheckFailed(AssertionError):
    """A timed run did not return the page it was asked for (or returned an error)."""


@dataclass(frozen=True)
class Expect:
    """What one page's run must contain.

    Parameters
    ----------
    page
        ``url_pathname`` the navigation message must name as the current page ("" for the default page;
        ``None`` for a script without ``st.navigation``).
    texts
        Strings each of which must be the body of some heading or occur in some markdown element.
    elements
        Element types (``plotly_chart``, ``dataframe``, ...) each of which must be sent (or referenced).
    srcdoc
        A string the ``srcdoc`` of some iframe element must contain.
    """

    page: str | None = None
    texts: tuple[str, ...] = ()
    elements: tuple[str, ...] = ()
    srcdoc: str = ""


@dataclass
class Content:
    """What one run sent, as far as the checks need it."""

    page: str | None = None
    page_not_found: bool = False
    texts: list[str] = field(default_factory=list)
    elements: list[str] = field(default_factory=list)
    srcdocs: list[str] = field(default_factory=list)
    plotly_specs: list[str] = field(default_factory=list)  # figure JSON of each Plotly chart, in order
    components: list[tuple[str, str]] = field(default_factory=list)  # (component name, its JSON arguments)


class BenchSession(StreamlitSession):
    """A :class:`deploy.stclient.StreamlitSession` that records each run's content (``last_content``)
    and, with ``quickack``, acknowledges every frame at once (see the module docstring)."""

    def __init__(self, url: str, quickack: bool = True, **kwargs):
        super().__init__(url, **kwargs)
        self.quickack = quickack
        self.last_content = Content()
        self._elements: dict = {}  # message hash -> Element, for runs that send only the hash

    def _ack_now(self) -> None:
        if self.quickack and self.ws is not None:
            sock = self.ws.transport.get_extra_info("socket")
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)

    async def rerun(self, query_string: str = "", page_name: str = "", timeout: float = 60) -> RunResult:
        self.last_content = Content()
        self._ack_now()
        return await super().rerun(query_string=query_string, page_name=page_name, timeout=timeout)

    def _note(self, element) -> None:
        which = element.WhichOneof("type")
        self.last_content.elements.append(which)
        if which == "heading":
            self.last_content.texts.append(element.heading.body)
        elif which == "markdown":
            self.last_content.texts.append(element.markdown.body)
        elif which == "iframe":
            self.last_content.srcdocs.append(element.iframe.srcdoc)
        elif which == "plotly_chart":
            self.last_content.plotly_specs.append(element.plotly_chart.spec)
        elif which == "component_instance":
            instance = element.component_instance
            self.last_content.components.append((instance.component_name, instance.json_args))

    def _read(self, fwd: ForwardMsg, result: RunResult) -> bool:
        self._ack_now()
        kind = fwd.WhichOneof("type")
        if kind == "ref_hash":
            # The client has this message cached: count it as the element it stands for (exceptions
            # and error boxes included, through the parent's reading of a replayed delta).
            element = self._elements.get(fwd.ref_hash)
            if element is None:
                self.last_content.elements.append("?")
                return False
            fwd = ForwardMsg()
            fwd.delta.new_element.CopyFrom(element)
        if kind == "navigation":
            current = [p for p in fwd.navigation.app_pages if p.page_script_hash == fwd.navigation.page_script_hash]
            self.last_content.page = current[0].url_pathname if current else None
        elif kind == "page_not_found":
            self.last_content.page_not_found = True
        elif fwd.WhichOneof("type") == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            if fwd.hash:
                self._elements[fwd.hash] = fwd.delta.new_element
            self._note(fwd.delta.new_element)
        return super()._read(fwd, result)


def check(result: RunResult, content: Content, expect: Expect, label: str) -> None:
    """Raise :class:`RunCheckFailed` unless the run is clean and holds what ``expect`` asks for."""
    problems = []
    if not result.ok:
        problems.append(f"run not clean: status={result.status} exceptions={len(result.exceptions)} "
                        f"error_alerts={len(result.error_alerts)} "
                        f"{[e['message'] for e in result.exceptions] + list(result.error_alerts)}")
    if content.page_not_found:
        problems.append("answered with page_not_found")
    if expect.page is not None and content.page != expect.page:
        problems.append(f"current page {content.page!r}, expected {expect.page!r}")
    for text in expect.texts:
        if not any(text == t or text in t for t in content.texts):
            problems.append(f"text {text!r} not in the headings or markdown")
    for element in expect.elements:
        if element not in content.elements:
            problems.append(f"no {element} element (got {sorted(set(content.elements))})")
    if expect.srcdoc and not any(expect.srcdoc in s for s in content.srcdocs):
        problems.append(f"no iframe whose srcdoc contains {expect.srcdoc!r}")
    if problems:
        raise RunCheckFailed(f"{label}: " + "; ".join(problems))

"""Measuring helpers for bench/run.py: process CPU and memory from /proc, a byte-counting TCP
proxy (exact bytes on the wire, HTTP and websocket alike), and browser timings in Chromium."""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from contextlib import contextmanager

CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def rss_mb(pid: int) -> float:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class CountingProxy:
    """A loopback TCP proxy that counts every byte in both directions (TLS-free, so exact)."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.down = 0
        self.up = 0
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    async def _pipe(self, reader, writer, direction: str) -> None:
        try:
            while data := await reader.read(65536):
                if direction == "down":
                    self.down += len(data)
                else:
                    self.up += len(data)
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            with contextlib.suppress(RuntimeError):  # the loop may already be stopping
                writer.close()

    async def _handle(self, client_reader, client_writer) -> None:
        with contextlib.suppress(asyncio.CancelledError, ConnectionError):  # cancelled at shutdown
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
            await asyncio.gather(self._pipe(client_reader, server_writer, "up"),
                                 self._pipe(server_reader, client_writer, "down"))

    def __enter__(self) -> CountingProxy:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        async def shutdown() -> None:
            tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)  # let them finish cancelling
            self._loop.stop()

        asyncio.run_coroutine_threadsafe(shutdown(), self._loop)
        self._thread.join(5)

    def total(self) -> int:
        return self.up + self.down


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        try:
            yield browser
        finally:
            browser.close()


class WrongPage(AssertionError):
    """The browser was answered with an error status or without the content the timing waits for."""


def time_to_content(page, url: str, selector: str, text: str = "", timeout_ms: int = 90_000) -> float:
    """Seconds from navigation start until ``selector`` is visible and, when given, an ``<h1>`` holding
    ``text`` too.

    The navigation must be answered with HTTP 200 (nginx's 404 page has an ``<h1>`` too, and a Streamlit
    server answers every path with its shell, so ``text`` should be content only the page has).

    Raises
    ------
    WrongPage
        On another status, or when the selector or text does not show up in time.
    """
    start = time.perf_counter()
    response = page.goto(url, wait_until="commit", timeout=timeout_ms)
    if response is None or response.status != 200:
        raise WrongPage(f"{url}: HTTP {response.status if response else 'no response'}")
    try:
        page.locator(selector).first.wait_for(state="visible", timeout=timeout_ms)
        if text:
            page.locator("h1").filter(has_text=text).first.wait_for(state="visible", timeout=timeout_ms)
    except Exception as exc:
        raise WrongPage(f"{url}: {selector!r} / {text!r} not visible: {exc}") from exc
    return time.perf_counter() - start


def settle(page, quiet_ms: int = 1500) -> None:
    """Wait until the app stops running and the network is quiet."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)
    page.wait_for_timeout(quiet_ms)


def slow_4g(page) -> None:
    """Chromium's network emulation: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150,
                                                  "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8})

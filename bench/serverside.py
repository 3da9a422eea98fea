"""Server-side measures through Streamlit's own websocket protocol, every run checked (bench/wsclient.py).

* CPU per warm rerun: process CPU time of the worker (``/proc/<pid>/stat``) over at least ``runs``
  reruns of one page in one session (more for cheap pages, see ``MIN_ROUND_S``), after a few untimed ones; measured in ``rounds`` rounds, the targets in a rotated
  order each round (so a neighbour's burst on the shared machine falls on every target alike), median of
  the rounds.
* Latency: send of ``rerun_script`` to arrival of ``script_finished``, with the client acknowledging at
  once (the page's own time) or with Linux's default delayed ACK (what a plain client waits).
* Memory per session: worker RSS with 1, 10 and 50 sessions held open, each having run the page once.
"""

from __future__ import annotations

import asyncio
import math
import statistics
import sys
from dataclasses import dataclass, field

from bench.measure import cpu_seconds, rss_mb
from bench.wsclient import BenchSession, Expect, check

#: Untimed reruns before the timed ones (the first run of a session builds its widgets' state).
WARM_RUNS = 3
#: /proc counts CPU time in 10 ms ticks: a round lasts at least this long (about 1.5 % resolution), so
#: cheap targets get more reruns than ``runs``.
MIN_ROUND_S = 0.6


def ws(url: str) -> str:
    return url.replace("http://", "ws://") + "/_stcore/stream"


@dataclass(frozen=True)
class Target:
    """One page of one server."""

    label: str
    url: str
    pid: int
    page: str
    expect: Expect


@dataclass
class Sample:
    cpu_s_per_run: list[float] = field(default_factory=list)  # one per round
    latency_s: list[float] = field(default_factory=list)      # every timed run

    @property
    def cpu_ms(self) -> float:
        return 1000 * statistics.median(self.cpu_s_per_run)

    @property
    def latency_ms(self) -> float:
        return 1000 * statistics.median(self.latency_s)


async def _round(target: Target, runs: int, quickack: bool) -> tuple[float, list[float]]:
    async with BenchSession(ws(target.url), quickack=quickack) as session:
        warm = []
        for _ in range(WARM_RUNS):
            result = await session.rerun(page_name=target.page)
            check(result, session.last_content, target.expect, target.label)
            warm.append(result.latency_s)
        runs = max(runs, math.ceil(MIN_ROUND_S / max(min(warm), 1e-3)))
        latencies = []
        before = cpu_seconds(target.pid)
        for _ in range(runs):
            result = await session.rerun(page_name=target.page)
            check(result, session.last_content, target.expect, target.label)
            latencies.append(result.latency_s)
        used = cpu_seconds(target.pid) - before
    return used / runs, latencies


def cpu_and_latency(targets: list[Target], rounds: int, runs: int, quickack: bool = True,
                    progress=None) -> dict[str, Sample]:
    """CPU per warm rerun and latencies of every target, interleaved over ``rounds`` rounds."""
    samples = {t.label: Sample() for t in targets}
    for r in range(rounds):
        shift = r % len(targets)
        for target in targets[shift:] + targets[:shift]:
            cpu, latencies = asyncio.run(_round(target, runs, quickack))
            samples[target.label].cpu_s_per_run.append(cpu)
            samples[target.label].latency_s += latencies
        (progress or _stderr)(f"round {r + 1}/{rounds}: " + ", ".join(f"{k} {v.cpu_s_per_run[-1] * 1000:.1f}"
                                                         for k, v in samples.items()) + " ms CPU/run")
    return samples


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def memory_per_session(target: Target, counts: tuple[int, ...] = (1, 10, 50)) -> dict[str, float]:
    """Idle RSS (MB) and RSS added per held session (MB) at each count, every session's run checked."""
    async def run() -> dict[str, float]:
        await asyncio.sleep(1)
        idle = rss_mb(target.pid)
        out, held = {"idle_mb": idle}, []
        try:
            for count in counts:
                while len(held) < count:
                    session = BenchSession(ws(target.url))
                    await session.__aenter__()
                    held.append(session)
                    result = await session.rerun(page_name=target.page)
                    check(result, session.last_content, target.expect, target.label)
                await asyncio.sleep(1)
                out[f"per_session_mb_{count}"] = (rss_mb(target.pid) - idle) / count
        finally:
            for session in held:
                await session.close()
        return out

    return asyncio.run(run())

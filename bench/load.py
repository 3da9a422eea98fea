"""Load benchmark over Streamlit's own websocket protocol, loopback only.

Each simulated visitor does what a browser tab does: fetch the page (through nginx this hands out
the sticky cookie), open ``/_stcore/stream``, ask for the first script run, then change the view
every few seconds (a new ``tahun``/``tingkat`` in the query string, as the Peta page's pickers do)
and wait for ``script_finished`` each time. Reported: latency p50/p95/max of the interactions (and
of the first load), errors, worker RSS from /proc at start, peak and end, and worker CPU per rerun.

    python -m bench.load --matrix                  # N=10,50,100 x (one worker | nginx + 2 workers)
    python -m bench.load --url http://127.0.0.1:8080 --sessions 20 --pids 1234,1235

Bounded by construction: a fixed number of interactions per session, a time limit per run, and
only loopback addresses are accepted.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import statistics
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlparse

from bench.pages import app_expect
from bench.results import Results, command_line
from bench.wsclient import BenchSession, RunCheckFailed, check

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
PAGE = "peta"
YEARS = list(range(2018, 2026))
LEVELS = ["kabkota", "kecamatan"]
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))
EXPECT = app_expect()[PAGE]


@dataclass
class LoadResult:
    """One run of the benchmark against one target."""

    label: str
    sessions: int
    first_load_s: list[float] = field(default_factory=list)
    interaction_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    bytes: int = 0
    wall_s: float = 0.0
    rss_start_mb: float = 0.0
    rss_peak_mb: float = 0.0
    rss_end_mb: float = 0.0
    cpu_s: float = 0.0

    @property
    def runs(self) -> int:
        return len(self.first_load_s) + len(self.interaction_s)

    @property
    def mb_per_session(self) -> float:
        return (self.rss_peak_mb - self.rss_start_mb) / self.sessions if self.sessions else 0.0

    @property
    def cpu_ms_per_run(self) -> float:
        return 1000 * self.cpu_s / self.runs if self.runs else math.nan


def quantile(values: list[float], q: float) -> float:
    """Nearest-rank quantile (``q`` in 0..1); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def rss_mb(pids: list[int]) -> float:
    """Resident memory of the processes, in MB (VmRSS from /proc)."""
    total_kb = 0
    for pid in pids:
        try:
            for line in open(f"/proc/{pid}/status", encoding="ascii"):
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except FileNotFoundError:
            continue
    return total_kb / 1024


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time the processes have used so far (from /proc/<pid>/stat)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = open(f"/proc/{pid}/stat", encoding="ascii").read().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def require_loopback(url: str) -> None:
    host = urlparse(url).hostname
    if host not in LOOPBACK:
        raise ValueError(f"the benchmark only talks to loopback addresses, not {host!r}")


def sticky_cookie(http_url: str) -> dict[str, str]:
    """Load the page as a browser would; return the Cookie header nginx asked for (if any)."""
    with DIRECT.open(http_url + "/", timeout=10) as response:
        cookies = [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or []]
    return {"Cookie": "; ".join(cookies)} if cookies else {}


async def visitor(index: int, http_url: str, interactions: int, interval: float, seed: int,
                  result: LoadResult) -> None:
    """One tab: first load, then ``interactions`` view changes ``interval`` seconds apart (±50%)."""
    rng = random.Random(seed * 100_003 + index)
    await asyncio.sleep(rng.uniform(0, interval))  # visitors arrive spread over one interval
    try:
        headers = await asyncio.to_thread(sticky_cookie, http_url)
        ws_url = http_url.replace("http://", "ws://", 1) + "/_stcore/stream"
        # A browser-like client: default TCP acknowledgements (see bench/wsclient.py).
        async with BenchSession(ws_url, quickack=False, headers=headers) as session:
            for step in range(interactions + 1):
                if step:
                    await asyncio.sleep(interval * rng.uniform(0.5, 1.5))
                query = f"tahun={rng.choice(YEARS)}&tingkat={rng.choice(LEVELS)}" if step else ""
                run = await session.rerun(query_string=query, page_name=PAGE)
                result.bytes += run.bytes
                try:  # finished cleanly, not "page not found", Peta's own title and map in the deltas
                    check(run, session.last_content, EXPECT, f"visitor {index} step {step}")
                except RunCheckFailed as exc:
                    result.errors.append(str(exc))
                    continue
                (result.interaction_s if step else result.first_load_s).append(run.latency_s)
    except Exception as exc:
        result.errors.append(f"{type(exc).__name__}: {exc}")


async def warm_views(http_url: str) -> None:
    """Visit every view once, untimed, so the numbers measure sessions rather than cache building."""
    async with BenchSession(http_url.replace("http://", "ws://", 1) + "/_stcore/stream") as session:
        for year in YEARS:
            for level in LEVELS:
                run = await session.rerun(query_string=f"tahun={year}&tingkat={level}", page_name=PAGE)
                check(run, session.last_content, EXPECT, f"warm-up {year} {level}")


async def run_load(http_url: str, sessions: int, interactions: int = 5, interval: float = 3.0,
                   time_limit: float = 120.0, pids: list[int] | None = None, label: str = "",
                   seed: int = 1, warm_urls: list[str] | None = None) -> LoadResult:
    """Hold ``sessions`` concurrent visitors against ``http_url``; measure latency and memory.

    Parameters
    ----------
    http_url
        ``http://127.0.0.1:PORT`` of nginx or of one worker (loopback only).
    sessions, interactions, interval
        Concurrent visitors; view changes per visitor; mean seconds between them.
    time_limit
        Seconds after which unfinished visitors are cancelled and counted as errors.
    warm_urls
        Servers on which every view is visited once, untimed, before the run (default: ``http_url``;
        behind nginx give each worker's own URL, as a cookie-less visit reaches only one of them;
        ``[]`` measures cold caches).
    pids
        Worker processes whose memory and CPU are measured (none: not measured).
    """
    require_loopback(http_url)
    pids = pids or []
    for url in [http_url] if warm_urls is None else warm_urls:
        await warm_views(url)
    result = LoadResult(label=label or http_url, sessions=sessions)
    result.rss_start_mb = result.rss_peak_mb = rss_mb(pids)
    cpu_start, start = cpu_seconds(pids), time.perf_counter()
    tasks = [asyncio.create_task(visitor(i, http_url, interactions, interval, seed, result))
             for i in range(sessions)]
    pending, deadline = set(tasks), start + time_limit
    while pending and time.perf_counter() < deadline:
        _, pending = await asyncio.wait(pending, timeout=min(0.5, deadline - time.perf_counter()))
        result.rss_peak_mb = max(result.rss_peak_mb, rss_mb(pids))
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    result.errors += [f"time limit of {time_limit:.0f} s reached"] * len(pending)
    result.wall_s = time.perf_counter() - start
    result.cpu_s = cpu_seconds(pids) - cpu_start
    await asyncio.sleep(0.5)  # let the server notice the closed sockets before the last reading
    result.rss_end_mb = rss_mb(pids)
    return result


HEADER = ("target", "N", "runs", "err", "load p50", "p50", "p95", "max", "CPU/run", "RSS start", "RSS peak",
          "RSS end", "MB/sess")


def table(results: list[LoadResult]) -> str:
    """A Markdown table: latencies in ms, memory in MB (all worker processes together)."""
    def ms(value: float) -> str:
        return "–" if math.isnan(value) else f"{1000 * value:.0f}"

    rows = [HEADER, tuple("---" for _ in HEADER)]
    for r in results:
        lat = r.interaction_s
        rows.append((r.label, str(r.sessions), str(r.runs), str(len(r.errors)),
                     ms(statistics.median(r.first_load_s) if r.first_load_s else math.nan),
                     ms(quantile(lat, 0.5)), ms(quantile(lat, 0.95)), ms(max(lat, default=math.nan)),
                     f"{r.cpu_ms_per_run:.0f} ms", f"{r.rss_start_mb:.0f}", f"{r.rss_peak_mb:.0f}",
                     f"{r.rss_end_mb:.0f}", f"{r.mb_per_session:.2f}"))
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def matrix(counts: list[int], interactions: int, interval: float, time_limit: float) -> list[LoadResult]:
    """Every count against (a) one worker directly and (b) nginx with two workers, each on a fresh stack."""
    from deploy.launch import Stack, free_port

    results = []
    for workers, through_nginx in ((1, False), (2, True)):
        for n in counts:
            with Stack(workers=workers, port=free_port(), with_nginx=through_nginx) as stack:
                url = stack.url if through_nginx else stack.worker_urls[0]
                label = "nginx + 2 workers" if through_nginx else "1 worker, direct"
                print(f"running {label}, N={n} ...", file=sys.stderr, flush=True)
                results.append(asyncio.run(run_load(url, n, interactions, interval, time_limit,
                                                    stack.worker_pids, label, warm_urls=stack.worker_urls)))
                for error in sorted(set(results[-1].errors))[:5]:
                    print(f"  error: {error}", file=sys.stderr)
    return results


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    p.add_argument("--matrix", action="store_true", help="start the stacks and run every --counts value")
    p.add_argument("--counts", default="10,50,100", help="session counts for --matrix")
    p.add_argument("--url", help="http://127.0.0.1:PORT of a running nginx or worker (without --matrix)")
    p.add_argument("--sessions", type=int, default=10)
    p.add_argument("--pids", default="", help="worker process ids to measure, comma-separated")
    p.add_argument("--interactions", type=int, default=4, help="view changes per session after the first load")
    p.add_argument("--interval", type=float, default=5.0, help="mean seconds between a session's interactions")
    p.add_argument("--time-limit", type=float, default=180.0, help="seconds per run before giving up")
    args = p.parse_args(argv)
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    if args.matrix:
        results = matrix([int(c) for c in args.counts.split(",")], args.interactions, args.interval,
                         args.time_limit)
    elif args.url:
        pids = [int(x) for x in args.pids.split(",") if x]
        results = [asyncio.run(run_load(args.url.rstrip("/"), args.sessions, args.interactions, args.interval,
                                        args.time_limit, pids))]
    else:
        p.error("give --matrix or --url")
    print(table(results))
    if args.matrix:
        res = Results("load", f"Load: concurrent sessions on {PAGE.title()}, one worker direct and nginx + 2 workers",
                      command_line("bench.load", argv), list(HEADER)).start()
        res.load_start = load_at_start
        res.rows = [line.strip("| ").split(" | ") for line in table(results).splitlines()[2:]]
        res.notes.append(f"Each session: first load, then {args.interactions} view changes (year, level) about "
                         f"{args.interval:g} s apart; latency in ms from request to script_finished with default TCP "
                         "acknowledgements (a browser's), every run checked for Peta's title and map; memory in MB "
                         "of all workers (RSS); CPU per run of all workers.")
        res.data["errors"] = {r.label + f" N={r.sessions}": sorted(set(r.errors))[:5] for r in results}
        res.finish()
        print(f"written: {res.save()}")
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())

"""The speed benchmark: ``python -m bench.run`` (or ``make bench``); minutes, not part of CI.

Prints one table where every figure stands next to a baseline measured in the same run, and writes it
to ``bench/results/latest.md`` (the README quotes it):

* server CPU per warm page run, every page, next to an empty Streamlit page, and reruns per second
  per core (process CPU from /proc over repeated runs through the websocket protocol);
* time until the chart or map is drawn in headless Chromium on loopback, cold and repeat visit, next
  to a hello-world Streamlit app;
* bytes on the wire on a first visit and per interaction (HTTP and websocket, counted by a TCP proxy),
  directly and through nginx; the map's figure next to the gzipped geometry it draws;
* server memory at idle and per added session (1, 10, 50 sessions held open);
* the light static page next to the interactive app on an emulated slow 4G link.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import statistics
import sys
from pathlib import Path

from bench.measure import CountingProxy, chromium, cpu_seconds, rss_mb, settle, slow_4g, time_to_selector
from deploy import stclient
from deploy.launch import Stack

REPO = Path(__file__).resolve().parent.parent
#: Page names as the frontend sends them (the default page, Beranda, is the empty name).
PAGES = ["", "peta", "tren", "wilayah", "psks", "cari", "metodologi", "briefing"]
DRAWN = ".js-plotly-plot .main-svg"
RESULTS = REPO / "bench" / "results" / "latest.md"


def ws(url: str) -> str:
    return url.replace("http://", "ws://") + "/_stcore/stream"


async def cpu_per_run(url: str, pid: int, page: str, runs: int) -> tuple[float, float]:
    """Median-free average: process CPU seconds per warm run, and the median latency."""
    async with stclient.StreamlitSession(ws(url)) as session:
        for _ in range(3):
            await session.rerun(page_name=page)
        before = cpu_seconds(pid)
        latencies = [(await session.rerun(page_name=page)).latency_s for _ in range(runs)]
        used = cpu_seconds(pid) - before
    return used / runs, statistics.median(latencies)


async def hold_sessions(url: str, count: int) -> list[stclient.StreamlitSession]:
    sessions = []
    for _ in range(count):
        session = stclient.StreamlitSession(ws(url))
        await session.__aenter__()
        await session.rerun(page_name="")
        sessions.append(session)
    return sessions


def memory(url: str, pid: int) -> list[tuple[str, float]]:
    async def run() -> list[tuple[str, float]]:
        await asyncio.sleep(1)
        idle = rss_mb(pid)
        rows, held = [("idle", idle)], []
        for target in (1, 10, 50):
            held += await hold_sessions(url, target - len(held))
            await asyncio.sleep(1)
            rows.append((f"{target} sessions", (rss_mb(pid) - idle) / target))
        for session in held:
            await session.close()
        return rows
    return asyncio.run(run())


def browser_timings(browser, url: str, page: str, selector: str) -> tuple[float, float]:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    tab = context.new_page()
    cold = time_to_selector(tab, f"{url}/{page}", selector)
    repeat = time_to_selector(tab, f"{url}/{page}", selector)
    context.close()
    return cold, repeat


def wire_bytes(browser, port: int) -> tuple[int, int]:
    """Bytes on a first visit of Peta until it settles, and for one interaction (class method)."""
    with CountingProxy(port) as proxy:
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        tab = context.new_page()
        tab.goto(f"http://127.0.0.1:{proxy.port}/peta?seri=penerima:UEP&tahun=2024", wait_until="commit")
        tab.wait_for_selector(DRAWN, timeout=90_000)
        settle(tab)
        first = proxy.total()
        tab.get_by_text("Natural breaks").click()
        settle(tab)
        interaction = proxy.total() - first
        context.close()
    return first, interaction


def map_share() -> tuple[int, int]:
    from dashboard.cached import OUTLINE_TOLERANCE  # noqa: PLC0415
    from dashboard.data.release import load_newest_good  # noqa: PLC0415
    from dashboard.logic import charts, derive, views  # noqa: PLC0415

    stats = load_newest_good().release.statistics
    layer = json.loads((REPO / "geo" / "display" / "kabkota.geojson").read_text())
    view = views.map_view(stats, "penerima", "UEP", 2024, "kabkota", "count", "quantiles", None, "id",
                          derive.population(stats), charts.outlines(layer, "kode_bps", OUTLINE_TOLERANCE["kabkota"]), "")
    figure = gzip.compress(view["fig_map"].to_json().encode())
    geometry = gzip.compress((REPO / "geo" / "display" / "kabkota.geojson").read_bytes())
    return len(figure), len(geometry)


def slow_link(browser, url: str, path: str, selector: str) -> float:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    slow_4g(tab)
    seconds = time_to_selector(tab, f"{url}{path}", selector, timeout_ms=120_000)
    context.close()
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="warm runs per page for the CPU figure")
    args = parser.parse_args(argv)
    rows: list[tuple[str, str, str, str]] = []  # (what, ours, baseline, ratio)

    # Every server starts before Chromium: the sync Playwright API runs an event loop of its own.
    with Stack(workers=1, with_nginx=False, warm_pages=PAGES) as app, \
            Stack(workers=1, with_nginx=False, script=REPO / "bench/apps/empty.py", warm_pages=[""]) as empty, \
            Stack(workers=1, with_nginx=False, script=REPO / "bench/apps/hello.py", warm_pages=[""]) as hello, \
            Stack(workers=2, port=_free(), warm_pages=["peta", ""]) as front:
        base_cpu, _ = asyncio.run(cpu_per_run(empty.worker_urls[0], empty.worker_pids[0], "", args.runs))
        rows.append(("server CPU per run: empty Streamlit page", f"{base_cpu * 1000:.1f} ms", "—", "1.0x"))
        for page in PAGES:
            cpu, latency = asyncio.run(cpu_per_run(app.worker_urls[0], app.worker_pids[0], page, args.runs))
            rows.append((f"server CPU per warm run: {page or 'beranda'} (median latency {latency * 1000:.0f} ms)",
                         f"{cpu * 1000:.1f} ms", f"{base_cpu * 1000:.1f} ms", f"{cpu / base_cpu:.1f}x"))
        worst = max(float(r[1].split()[0]) for r in rows[1:])
        rows.append(("reruns per second per core (slowest page)", f"{1000 / worst:.0f}",
                     f"{1 / base_cpu:.0f}", f"{(1000 / worst) * base_cpu:.2f}x"))
        for label, value in memory(app.worker_urls[0], app.worker_pids[0]):
            rows.append((f"server memory: {label}" + (" (MB per session)" if "sessions" in label else " (MB)"),
                         f"{value:.2f}", "—", "—"))
        with chromium() as browser:
            hello_cold, hello_repeat = browser_timings(browser, hello.worker_urls[0], "", "h1")
            for page in ("", "peta"):
                cold, repeat = browser_timings(browser, app.worker_urls[0], page, DRAWN)
                rows.append((f"chart drawn, cold visit: {page or 'beranda'}", f"{cold:.2f} s", f"{hello_cold:.2f} s",
                             f"{cold / hello_cold:.1f}x"))
                rows.append((f"chart drawn, repeat visit: {page or 'beranda'}", f"{repeat:.2f} s", f"{hello_repeat:.2f} s",
                             f"{repeat / hello_repeat:.1f}x"))
            direct_first, direct_step = wire_bytes(browser, app.worker_ports[0])
            nginx_first, nginx_step = wire_bytes(browser, front.port)
            site = slow_link(browser, front.url, "/site/index.html", "h1")
            interactive = slow_link(browser, front.url, "/", ".kpi")
        rows.append(("bytes, first visit of Peta (HTTP + websocket)", f"{nginx_first / 1e6:.2f} MB via nginx",
                     f"{direct_first / 1e6:.2f} MB direct", f"{nginx_first / direct_first:.2f}x"))
        rows.append(("bytes per interaction (change class method)", f"{nginx_step / 1e3:.1f} kB via nginx",
                     f"{direct_step / 1e3:.1f} kB direct", f"{nginx_step / max(direct_step, 1):.2f}x"))
        figure, geometry = map_share()
        rows.append(("kab/kota map figure (gzipped) vs its geometry (gzipped)", f"{figure / 1e3:.1f} kB",
                     f"{geometry / 1e3:.1f} kB", f"{figure / geometry:.2f}x"))
        rows.append(("slow 4G (150 ms, 1.6 Mbit/s), phone: light page readable", f"{site:.2f} s",
                     f"{interactive:.2f} s interactive", f"{site / interactive:.2f}x"))

    table = ["| measure | this app | baseline | ratio |", "| --- | --- | --- | --- |"]
    table += [f"| {what} | {ours} | {base} | {ratio} |" for what, ours, base, ratio in rows]
    text = "\n".join(table)
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(f"Command: `python -m bench.run --runs {args.runs}`\n\n{text}\n", encoding="utf-8")
    return 0


def _free() -> int:
    from deploy.launch import free_port  # noqa: PLC0415

    return free_port()


if __name__ == "__main__":
    sys.exit(main())

"""The speed benchmark: ``python -m bench.run`` (or ``make bench``); minutes, not part of CI.

Starts, side by side on loopback with the production settings: the app (one worker), three baselines
(an empty page with Streamlit's defaults, an empty page with the app's imports and garbage-collector
settings, and a peer dashboard of the popular population-dashboard kind on synthetic data of the same
shape, bench/apps/peer.py), a hello-world page, and the app behind nginx. Then measures, every run and
visit checked for the page's own content (bench/wsclient.py, bench/measure.py):

* server CPU per warm rerun of all eight pages and of the baselines, interleaved over rounds, and the
  median latency of each page (client acknowledging at once), plus the delayed-ACK stall;
* server memory at idle and per added session, the app next to the peer;
* in Chromium: time until the map is drawn (cold and repeat visit), bytes on the wire of a first visit
  and of one interaction, the light page and the interactive app on an emulated slow 4G phone.

Writes ``bench/results/pages.json`` and ``bench/results/client.json``; ``python -m bench.table`` puts
them in the README.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import statistics
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from bench import pages, peer_data, serverside
from bench.browser import View, draw_times, pick_natural_breaks, pick_peer_year, slow_link, wire_bytes
from bench.measure import chromium
from bench.results import Results, command_line, fmt, ratio
from bench.serverside import Target
from bench.wsclient import BenchSession, check
from deploy.launch import Stack, free_port

REPO = Path(__file__).resolve().parent.parent
APPS = REPO / "bench" / "apps"
TARGET_MS = 25.0
BROWSER_REPEATS = 3
NAMES = {"": "Beranda", "peta": "Peta", "tren": "Tren", "wilayah": "Wilayah", "psks": "PSKS", "cari": "Cari Angka",
         "metodologi": "Metodologi", "briefing": "Briefing"}
EMPTY_DEFAULT, EMPTY_SAME_GC, PEER = "empty page, Streamlit defaults", "empty page, same GC as the app", "peer dashboard"


def _stacks(stack: ExitStack, peer_dir: Path) -> dict[str, Stack]:
    def single(script: Path, env: dict | None = None) -> Stack:
        return stack.enter_context(Stack(workers=1, port=free_port(), with_nginx=False, script=script,
                                         warm_pages=[""], env=env or {}))

    return {
        "app": stack.enter_context(Stack(workers=1, port=free_port(), with_nginx=False, warm_pages=pages.PAGES)),
        "empty": single(APPS / "empty.py"),
        "frozen": single(APPS / "empty_frozen.py"),
        "peer": single(APPS / "peer.py", {"BENCH_PEER_DATA": str(peer_dir)}),
        "hello": single(APPS / "hello.py"),
        # One worker behind nginx: the hop's cost is measured on the worker that serves the session
        # (with two, nginx's sticky choice could leave the measured one idle: 0.0 ms).
        "front": stack.enter_context(Stack(workers=1, port=free_port(), warm_pages=["peta", ""])),
    }


def _targets(s: dict[str, Stack]) -> list[Target]:
    def target(label: str, name: str, page: str, expect) -> Target:
        return Target(label, s[name].worker_urls[0], s[name].worker_pids[0], page, expect)

    expect = pages.app_expect()
    return [target(EMPTY_DEFAULT, "empty", "", pages.EMPTY), target(EMPTY_SAME_GC, "frozen", "", pages.EMPTY),
            target(PEER, "peer", "", pages.PEER)] + [target(NAMES[p], "app", p, expect[p]) for p in pages.PAGES]


def _first_map(target: Target) -> str:
    """What the first map of a page sent: the tappable region-map component's arguments (the app) or the
    first Plotly figure (the peer's choropleth)."""
    async def run() -> str:
        async with BenchSession(serverside.ws(target.url)) as session:
            result = await session.rerun(page_name=target.page)
            check(result, session.last_content, target.expect, target.label)
            content = session.last_content
            maps = [args for name, args in content.components if name.endswith("regionmap")]
            return maps[0] if maps else content.plotly_specs[0]
    return asyncio.run(run())


def _percent(value: float) -> str:
    """``14``, or ``0.2`` for less than one percent (never "over by 0 %")."""
    return f"{value:.0f}" if value >= 1 else f"{value:.1f}" if value >= 0.05 else f"{value:.2f}"


def server_side(s: dict[str, Stack], rounds: int, runs: int) -> Results:
    res = Results("pages", "Server CPU per warm rerun, every page, next to three baselines",
                  command_line("bench.run", None),
                  ["page", "server CPU per warm rerun", "rounds (min–max)", "ratio to empty page, same GC",
                   "ratio to peer dashboard", "median latency", f"target ≤ {TARGET_MS:.0f} ms"]).start()
    targets = _targets(s)
    samples = serverside.cpu_and_latency(targets, rounds, runs)
    base, peer = samples[EMPTY_SAME_GC].cpu_ms, samples[PEER].cpu_ms
    for t in targets:
        sample = samples[t.label]
        verdict = "—" if t.label in (EMPTY_DEFAULT, EMPTY_SAME_GC, PEER) else (
            "met" if sample.cpu_ms <= TARGET_MS else f"over by {_percent(100 * (sample.cpu_ms / TARGET_MS - 1))} %")
        label = t.label + (" (baseline)" if t.label in (EMPTY_SAME_GC, PEER) else "")
        spread = f"{1000 * min(sample.cpu_s_per_run):.1f}–{1000 * max(sample.cpu_s_per_run):.1f}"
        res.add(label, fmt(sample.cpu_ms, "ms"), spread, ratio(sample.cpu_ms, base), ratio(sample.cpu_ms, peer),
                fmt(sample.latency_ms, "ms"), verdict)
    res.data["cpu_ms"] = {k: [round(1000 * x, 2) for x in v.cpu_s_per_run] for k, v in samples.items()}
    res.data["latency_ms_median"] = {k: round(v.latency_ms, 2) for k, v in samples.items()}
    page_labels = [NAMES[p] for p in pages.PAGES]
    slowest = max(page_labels, key=lambda k: samples[k].cpu_ms)
    res.notes += [
        f"Process CPU time of the worker from /proc over at least {runs} warm reruns per round (cheap pages more, "
        f"so that a round lasts {serverside.MIN_ROUND_S} s) in one websocket session, "
        f"{rounds} rounds with the targets in rotated order, median of the rounds. Every run is checked: finished "
        "without exception or error box, not answered with page_not_found, and its deltas hold the page's own "
        "title (or, for Briefing, the slide deck) and chart or table.",
        f"Slowest page {slowest}: {1000 / samples[slowest].cpu_ms:.0f} reruns per second per core, against "
        f"{1000 / peer:.0f} for the peer dashboard and {1000 / base:.0f} for the empty page with the same GC.",
        "Median latency: rerun request sent to script_finished received, the client acknowledging every frame "
        "at once (TCP_QUICKACK), so that it is the page's own time; what a client with default TCP settings "
        "waits is in the next table.",
    ]
    return res.finish()


def client_side(s: dict[str, Stack]) -> Results:
    res = Results("client", "Memory, first draw, bytes on the wire, slow 4G",
                  command_line("bench.run", None), ["measure", "this app", "baseline (same run)", "ratio"]).start()
    targets = {t.label: t for t in _targets(s)}
    app_mem = serverside.memory_per_session(targets["Beranda"])
    peer_mem = serverside.memory_per_session(targets[PEER])
    res.add("server RSS at idle, after warm-up (MB)", fmt(app_mem["idle_mb"], "MB", 0),
            f"peer dashboard {fmt(peer_mem['idle_mb'], 'MB', 0)}", ratio(app_mem["idle_mb"], peer_mem["idle_mb"]))
    for n in (1, 10, 50):
        a, b = app_mem[f"per_session_mb_{n}"], peer_mem[f"per_session_mb_{n}"]
        res.add(f"RSS added per session, {n} held open (MB)", fmt(a, "MB", 2), f"peer dashboard {fmt(b, 'MB', 2)}", "—")
    peta_spec = _first_map(targets["Peta"])
    peer_spec = _first_map(targets[PEER])
    geometry = len(gzip.compress((REPO / "geo" / "display" / "kabkota.geojson").read_bytes()))
    figure, peer_figure = len(gzip.compress(peta_spec.encode())), len(gzip.compress(peer_spec.encode()))
    res.add("Peta's kab/kota map as sent (component arguments), gzipped", fmt(figure / 1e3, "kB"), f"its geometry file {geometry / 1e3:.1f} kB",
            ratio(figure, geometry))
    res.add("peer's choropleth figure as sent, gzipped", fmt(peer_figure / 1e3, "kB"), f"Peta's map {figure / 1e3:.1f} kB",
            ratio(peer_figure, figure))
    app, hello, peer, front = (s[k] for k in ("app", "hello", "peer", "front"))
    peta_target = targets["Peta"]
    via_nginx = Target("Peta through nginx", front.url, front.worker_pids[0], "peta", peta_target.expect)
    quick = serverside.cpu_and_latency([peta_target, via_nginx], rounds=3, runs=15)
    plain = serverside.cpu_and_latency([peta_target, via_nginx], rounds=3, runs=15, quickack=False)
    direct_ms, nginx_ms = quick["Peta"].latency_ms, quick["Peta through nginx"].latency_ms
    res.add("Peta rerun latency, client with default delayed ACK, direct", fmt(plain["Peta"].latency_ms, "ms"),
            f"client acking at once {direct_ms:.1f} ms", ratio(plain["Peta"].latency_ms, direct_ms))
    res.add("Peta rerun latency through nginx, client acking at once", fmt(nginx_ms, "ms"),
            f"direct {direct_ms:.1f} ms", ratio(nginx_ms, direct_ms))
    res.data["latency_ms"] = {"direct_quickack": direct_ms, "nginx_quickack": nginx_ms,
                              "direct_default_ack": plain["Peta"].latency_ms,
                              "nginx_default_ack": plain["Peta through nginx"].latency_ms}
    with chromium() as browser:
        views = {"hello": (hello.worker_urls[0], pages.HELLO_VIEW), "peer": (peer.worker_urls[0], pages.PEER_VIEW),
                 "": (app.worker_urls[0], pages.app_view("")), "peta": (app.worker_urls[0], pages.app_view("peta"))}
        draws: dict[str, list[tuple[float, float]]] = {k: [] for k in views}
        for _ in range(BROWSER_REPEATS):  # interleaved, so a burst of load falls on every view alike
            for key, (url, view) in views.items():
                draws[key].append(draw_times(browser, url, view))
        med = {k: (statistics.median(c for c, _ in v), statistics.median(r for _, r in v)) for k, v in draws.items()}
        res.data["draw_s"] = {k: [[round(c, 3), round(r, 3)] for c, r in v] for k, v in draws.items()}
        for page in ("", "peta"):
            for i, kind in enumerate(("cold", "repeat")):
                ours, h, p = med[page][i], med["hello"][i], med["peer"][i]
                res.add(f"map drawn in Chromium, {kind} visit: {NAMES[page]}", fmt(ours, "s", 2),
                        f"hello-world {h:.2f} s; peer {p:.2f} s", f"{ratio(ours, h)}; {ratio(ours, p)}")
        peta = pages.app_view("peta")
        peta_view = View(peta.path + "?tahun=2024", peta.selector, peta.text)
        direct_first, direct_step = wire_bytes(browser, app.worker_ports[0], peta_view, pick_natural_breaks)
        nginx_first, nginx_step = wire_bytes(browser, front.port, peta_view, pick_natural_breaks)
        hello_first, _ = wire_bytes(browser, hello.worker_ports[0], pages.HELLO_VIEW)
        peer_first, peer_step = wire_bytes(browser, peer.worker_ports[0], pages.PEER_VIEW, pick_peer_year)
        slow = [(slow_link(browser, front.url, pages.LIGHT_VIEW), slow_link(browser, front.url, pages.INTERACTIVE_VIEW))
                for _ in range(BROWSER_REPEATS)]
        site, interactive = statistics.median(a for a, _ in slow), statistics.median(b for _, b in slow)
        res.data["slow_4g_s"] = [[round(a, 3), round(b, 3)] for a, b in slow]
    res.add("bytes, first visit of Peta, direct (HTTP + websocket)", fmt(direct_first / 1e6, "MB", 2),
            f"hello-world {hello_first / 1e6:.2f} MB; peer {peer_first / 1e6:.2f} MB",
            f"{ratio(direct_first, hello_first)}; {ratio(direct_first, peer_first)}")
    res.add("bytes, first visit of Peta through nginx (gzip)", fmt(nginx_first / 1e6, "MB", 2),
            f"direct {direct_first / 1e6:.2f} MB", ratio(nginx_first, direct_first))
    res.add("bytes per interaction (Peta: class method; peer: year), direct", fmt(direct_step / 1e3, "kB"),
            f"peer {peer_step / 1e3:.1f} kB", ratio(direct_step, peer_step))
    res.add("bytes per interaction through nginx", fmt(nginx_step / 1e3, "kB"), f"direct {direct_step / 1e3:.1f} kB",
            ratio(nginx_step, direct_step))
    res.add("slow 4G phone (150 ms, 1.6 Mbit/s): light page readable (map + title, HTTP 200)", fmt(site, "s", 2),
            f"interactive Beranda (cards + title) {interactive:.2f} s", ratio(site, interactive))
    res.data.update(memory={"app": app_mem, "peer": peer_mem}, bytes={
        "peta_direct_first": direct_first, "peta_direct_step": direct_step, "peta_nginx_first": nginx_first,
        "peta_nginx_step": nginx_step, "hello_first": hello_first, "peer_first": peer_first, "peer_step": peer_step})
    res.notes += ["Latency rows: Streamlit's server socket alone would keep Nagle's algorithm on (bench/wsclient.py), "
                  "so the last frames of a run would wait for the receiver's delayed ACK (~40 ms on Linux); the "
                  "workers run through deploy/worker.py, which turns it off, so a client with default TCP settings "
                  "waits no longer than one acking at once. The tables committed before 2026-12-01 showed 44 ms "
                  "for every page because of this.",
                  f"Browser timings (first draw, slow 4G): median of {BROWSER_REPEATS} (cold: a new browser context "
                  "each), from navigation "
                  "start until the page's own title and map (or cards) are visible; "
                  "every navigation must answer HTTP 200. Bytes: both directions through a counting TCP proxy, "
                  "until the app is idle. Memory: worker RSS from /proc, each session having run the page once."]
    return res.finish()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed warm reruns per target and round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all targets (median is reported)")
    parser.add_argument("--no-browser", action="store_true", help="server CPU and latency only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp, ExitStack() as stack:
        s = _stacks(stack, peer_data.write(Path(tmp) / "peer"))
        results = [server_side(s, args.rounds, args.runs)]
        if not args.no_browser:
            results.append(client_side(s))
    for res in results:
        res.print()
        print(f"written: {res.save()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Soak test of the Layar Briefing: does a screen left rotating all day grow the server or the browser?

Starts the app on loopback with a fresh release, opens ``/briefing`` in Debian's Chromium at
1920x1080 with a short interval, lets it rotate for N minutes, and reports, at the start and the
end (after a garbage collection on both sides):

- the Streamlit process: RSS and CPU time (``/proc/<pid>/status`` and ``/proc/<pid>/stat``);
- the page: JS heap used, DOM nodes, event listeners and documents (Chrome DevTools Protocol
  ``Performance.getMetrics``; the slides' iframe is same-origin, so it is counted with the page);
- how many slides went by, and how many websocket messages the page exchanged meanwhile (a rerun
  would show up there).

    python -m bench.soak_briefing --minutes 3
    python -m bench.soak_briefing --minutes 60 --seconds 5 --json soak.json

Not part of CI (it runs for minutes by design).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from deploy.launch import Stack

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--enable-precise-memory-info"]
PAGE_METRICS = ("JSHeapUsedSize", "Nodes", "JSEventListeners", "Documents", "Frames")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(pid: int, cdp) -> dict[str, float]:
    cdp.send("HeapProfiler.collectGarbage")
    time.sleep(1)
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    out = {"server_rss_mb": rss_mb(pid), "server_cpu_s": cpu_s(pid)}
    out.update({name: metrics.get(name, float("nan")) for name in PAGE_METRICS})
    out["JSHeapUsedSize"] = out["JSHeapUsedSize"] / 2**20
    return out


def soak(minutes: float, seconds: int, sample_minutes: float = 1.0) -> dict:
    from playwright.sync_api import sync_playwright

    from dashboard.data import build

    with tempfile.TemporaryDirectory(prefix="soak-briefing-") as tmp:
        releases = Path(tmp)
        os.environ["DASHBOARD_RELEASES_DIR"] = str(releases)
        try:
            build.init_release()
        finally:
            del os.environ["DASHBOARD_RELEASES_DIR"]
        # The same way the deployment starts a worker (production flags, health wait), without nginx.
        app = Stack(workers=1, with_nginx=False, warm_pages=["briefing"],
                    env={"DASHBOARD_RELEASES_DIR": str(releases)})
        with app, sync_playwright() as pw:
            port, pid = app.worker_ports[0], app.worker_pids[0]
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1920, "height": 1080})
                frames = {"sent": 0, "received": 0, "sockets": 0}
                foreign: list[str] = []
                page.on("request", lambda r: None if r.url.startswith(f"http://127.0.0.1:{port}")
                        or r.url.startswith(("data:", "blob:", "about:")) else foreign.append(r.url))

                def on_socket(ws) -> None:
                    frames["sockets"] += 1
                    ws.on("framesent", lambda _: frames.__setitem__("sent", frames["sent"] + 1))
                    ws.on("framereceived", lambda _: frames.__setitem__("received", frames["received"] + 1))

                page.on("websocket", on_socket)
                page.goto(f"http://127.0.0.1:{port}/briefing?detik={seconds}", wait_until="domcontentloaded")
                deck = page.frame_locator("iframe[data-testid=stIFrame]").locator("#deck")
                deck.wait_for(timeout=90_000)
                count = int(deck.get_attribute("data-count"))
                page.wait_for_timeout(5_000)  # first run, fonts and caches settle
                cdp = page.context.new_cdp_session(page)
                cdp.send("Performance.enable")
                start = measure(pid, cdp)
                sent0, received0 = frames["sent"], frames["received"]
                shown, last, peak = 0, deck.get_attribute("data-current"), start["server_rss_mb"]
                began = time.monotonic()
                end_at, next_sample = began + minutes * 60, began + sample_minutes * 60
                samples = [{"minute": 0.0, **start}]
                while time.monotonic() < end_at:
                    page.wait_for_timeout(1000)
                    now = deck.get_attribute("data-current")
                    if now != last:
                        shown, last = shown + 1, now
                    peak = max(peak, rss_mb(pid))
                    if time.monotonic() >= next_sample and time.monotonic() < end_at - 30:
                        samples.append({"minute": round((time.monotonic() - began) / 60, 1), **measure(pid, cdp)})
                        next_sample += sample_minutes * 60
                end = measure(pid, cdp)
                samples.append({"minute": round((time.monotonic() - began) / 60, 1), **end})
            finally:
                browser.close()
    return {"minutes": minutes, "seconds_per_slide": seconds, "slides_in_set": count, "slides_shown": shown,
            "ws_frames_sent": frames["sent"] - sent0, "ws_frames_received": frames["received"] - received0,
            "websockets_opened": frames["sockets"], "foreign_requests": foreign, "server_rss_peak_mb": peak,
            "start": start, "end": end, "samples": samples}


def report(result: dict) -> str:
    rows = [("server RSS (MB)", "server_rss_mb", 1), ("server CPU time (s)", "server_cpu_s", 2),
            ("JS heap used (MB)", "JSHeapUsedSize", 2), ("DOM nodes", "Nodes", 0),
            ("event listeners", "JSEventListeners", 0), ("documents", "Documents", 0)]
    lines = [f"Briefing soak: {result['minutes']} min, {result['seconds_per_slide']} s per slide, "
             f"{result['slides_shown']} slide changes over a set of {result['slides_in_set']}",
             f"{'':22}{'start':>12}{'end':>12}{'growth':>12}"]
    for label, key, digits in rows:
        a, b = result["start"][key], result["end"][key]
        lines.append(f"{label:22}{a:>12.{digits}f}{b:>12.{digits}f}{b - a:>+12.{digits}f}")
    lines.append(f"server RSS peak (MB): {result['server_rss_peak_mb']:.1f}")
    lines.append("samples (minute: server RSS MB / JS heap MB / DOM nodes): " + "; ".join(
        f"{s['minute']:g}: {s['server_rss_mb']:.1f} / {s['JSHeapUsedSize']:.2f} / {s['Nodes']:.0f}"
        for s in result["samples"]))
    lines.append(f"websocket frames during the soak: {result['ws_frames_sent']} sent, "
                 f"{result['ws_frames_received']} received ({result['websockets_opened']} socket(s) opened)")
    lines.append(f"requests to other hosts: {len(result['foreign_requests'])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=2.0, help="how long to rotate (default 2)")
    parser.add_argument("--seconds", type=int, default=5, help="seconds per slide, 5..300 (default 5)")
    parser.add_argument("--sample", type=float, default=1.0, help="minutes between intermediate samples (default 1)")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = parser.parse_args(argv)
    if not 5 <= args.seconds <= 300 or args.minutes <= 0:
        parser.error("--seconds must be 5..300 and --minutes positive")
    result = soak(args.minutes, args.seconds, args.sample)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Is a change faster? ``python -m bench.ab OTHER_CHECKOUT --pages wilayah,metodologi [--rounds 9]``.

Starts one worker from this checkout (A) and one from another checkout of the repository (B, e.g. a
``git worktree`` with the change, with its own ``make setup`` release), and measures server CPU per
warm rerun of the given pages on both, interleaved in the same rounds like bench/run.py, every run
checked. On a shared machine this is the fair way to judge a change: both sides see the same load.
Run it once with an unchanged copy as B to see the noise (an A/A difference). Prints a table; writes
nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

from bench import pages, serverside
from bench.results import fmt, ratio
from bench.serverside import Target
from deploy import settings
from deploy.launch import Stack, free_port
from deploy.procs import die_with_parent


class CheckoutStack(Stack):
    """A Stack whose workers run another checkout's app, from that checkout's folder (so its
    ``dashboard`` package is imported first and its own releases and settings are used)."""

    checkout: Path = Path()

    def _spawn(self, index: int) -> subprocess.Popen:
        port = self.worker_ports[index]
        hosts = [flag for name in self.server_names for flag in ("--server.allowedHosts", name)]
        cmd = [sys.executable, "-m", "streamlit", "run", str(self.checkout / "dashboard" / "app.py"),
               *settings.production_flags(), "--server.port", str(port), "--server.address", "127.0.0.1", *hosts]
        logfile = (self.run_dir / f"worker-{index + 1}.log").open("a")
        proc = subprocess.Popen(cmd, cwd=self.checkout, env={**os.environ, **self.env}, stdout=logfile,
                                stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=die_with_parent)
        logfile.close()
        return proc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ab", description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other checkout (B)")
    parser.add_argument("--pages", default="wilayah", help="comma-separated page names ('' is Beranda)")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    names = args.pages.split(",")
    expect = pages.app_expect()
    with ExitStack() as stack:
        a = stack.enter_context(Stack(workers=1, port=free_port(), with_nginx=False, warm_pages=names))
        b = CheckoutStack(workers=1, port=free_port(), with_nginx=False, warm_pages=names)
        b.checkout = args.other.resolve()
        stack.enter_context(b)
        targets = [Target(f"{side} {name or 'beranda'}", s.worker_urls[0], s.worker_pids[0], name, expect[name])
                   for name in names for side, s in (("A", a), ("B", b))]
        samples = serverside.cpu_and_latency(targets, args.rounds, args.runs)
    print(f"A = {Path.cwd()}, B = {args.other}; load average now {os.getloadavg()[0]:.2f}")
    print("| page | A: CPU per warm rerun | B | B / A | A rounds | B rounds |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name in names:
        sa, sb = samples[f"A {name or 'beranda'}"], samples[f"B {name or 'beranda'}"]
        spread = [f"{1000 * min(s.cpu_s_per_run):.1f}–{1000 * max(s.cpu_s_per_run):.1f} ms" for s in (sa, sb)]
        print(f"| {name or 'beranda'} | {fmt(sa.cpu_ms, 'ms')} | {fmt(sb.cpu_ms, 'ms')} | {ratio(sb.cpu_ms, sa.cpu_ms)} "
              f"| {spread[0]} | {spread[1]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

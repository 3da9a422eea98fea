"""Where a page's server time goes: ``python -m bench.profile_page metodologi [--runs 200]``.

Starts the app (one worker, production settings), warms the page up, then samples the worker with
py-spy (``pip install py-spy``; a sampling profiler outside the process, so the page runs unmodified)
while the page is rerun ``--runs`` times through the websocket (every run checked like in bench/run.py).
Prints the share of the samples, over all threads that were running, spent inside each function
(inclusive), for the functions above ``--min`` percent, and writes the collapsed stacks (for
speedscope or flamegraph.pl) to ``--out``.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.pages import app_expect
from bench.serverside import ws
from bench.wsclient import BenchSession, check
from deploy.launch import Stack, free_port


async def rerun(url: str, page: str, runs: int) -> None:
    expect = app_expect()[page]
    async with BenchSession(ws(url)) as session:
        for _ in range(runs):
            result = await session.rerun(page_name=page)
            check(result, session.last_content, expect, page or "beranda")


def inclusive(collapsed: Path) -> tuple[collections.Counter, int]:
    """Samples per function (each counted once per stack), and the total, over non-idle stacks."""
    counts: collections.Counter = collections.Counter()
    total = 0
    for line in collapsed.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        frames = stack.split(";")[1:]  # the first entry names the thread
        total += int(n)
        for frame in set(frames):
            counts[frame] += int(n)
    return counts, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_page", description=__doc__.splitlines()[0])
    parser.add_argument("page", help="page name as in the URL ('' for Beranda)")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--rate", type=int, default=250, help="samples per second")
    parser.add_argument("--min", type=float, default=2.0, help="smallest share printed, in percent")
    parser.add_argument("--out", type=Path, default=Path("test-output/profile.txt"))
    args = parser.parse_args(argv)
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(spy).exists():
        parser.error("py-spy is not installed: pip install py-spy")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with Stack(workers=1, port=free_port(), with_nginx=False, warm_pages=[args.page]) as app:
        asyncio.run(rerun(app.worker_urls[0], args.page, 5))
        proc = subprocess.Popen([spy, "record", "--nonblocking", "--threads", "-r", str(args.rate), "-f", "raw",
                                 "-o", str(args.out), "-p", str(app.worker_pids[0])],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(2)
        asyncio.run(rerun(app.worker_urls[0], args.page, args.runs))
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
    counts, total = inclusive(args.out)
    print(f"{total} samples while {args.page or 'beranda'} was rerun {args.runs} times; share of samples inside:")
    for frame, n in counts.most_common():
        if 100 * n / total < args.min:
            break
        print(f"{100 * n / total:5.1f} %  {frame}")
    print(f"collapsed stacks: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time to first page on a fresh clone: ``python -m bench.fresh_clone`` (a minute or two; not in CI).

Clones this checkout's HEAD into an empty temporary folder (no ``shared/`` beside it), runs ``make run`` on
a free port and measures, from the moment ``make run`` starts, until ``/`` answers HTTP 200 and until the
Beranda map (the filled kab/kota outlines) is drawn in headless Chromium (Debian's /usr/bin/chromium via
Playwright). The baseline, measured in the same run on the same clone, is a hello-world Streamlit app
(``bench/apps/hello.py``) started with ``streamlit run``: until ``/`` answers and until its title is drawn.

By default the clone's ``.venv`` reuses the packages installed in this interpreter (see :func:`seed_venv`),
so the figure is what a user waits for after the dependencies are installed: the first data release
(``python -m dashboard.data init``), the server start and the first page. ``--full-install`` lets
``make run`` create the venv itself (pip downloads the locked packages: minutes, needs the network).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.results import Results, command_line, fmt, ratio

REPO = Path(__file__).resolve().parent.parent
#: Beranda's map: the eight kab/kota drawn as filled outlines in a Plotly chart, under Beranda's title.
#: Beranda's title, and its tappable map (a component frame from the app's own origin) with all eight regions.
MAP_DRAWN = ("() => [...document.querySelectorAll(\"iframe[src*='/component/']\")].some(f => f.contentDocument && "
             "f.contentDocument.querySelectorAll('svg.map a[data-kode] path').length >= 8) && "
             "[...document.querySelectorAll('h1')].some(h => h.textContent.includes("
             "'Dasbor Kesejahteraan Sosial Provinsi Banten'))")
HELLO_DRAWN = "() => [...document.querySelectorAll('h1')].some(h => h.textContent.includes('Halo, Banten'))"
TIMEOUT_S = 600
#: What make prints when its set-up is done and the server starts (the Makefile runs the worker wrapper).
LAUNCH_MARKS = ("deploy.worker run", "streamlit run")
#: Console scripts the Makefile calls (make run, make test), copied into a seeded venv.
SCRIPTS = ("streamlit", "pytest")


def clone_head(dest: Path, env: dict | None = None) -> str:
    """``git clone`` of this checkout into ``dest``, checked out at the exact commit of its HEAD (a
    worktree's HEAD may differ from the HEAD its repository advertises). Returns the commit."""
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True,
                          check=True, timeout=60).stdout.strip()
    for cmd in (["git", "clone", "--quiet", "--no-checkout", str(REPO), str(dest)],
                ["git", "-C", str(dest), "checkout", "--quiet", "--detach", head]):
        subprocess.run(cmd, env=env, capture_output=True, text=True, check=True, timeout=300)
    return head


def _installed_packages() -> Path:
    """The folder the locked packages are installed in (this venv's, or the one a seeded venv points at)."""
    spec = importlib.util.find_spec("streamlit")
    return Path(spec.origin).parent.parent


def seed_venv(clone: Path, env: dict | None = None) -> Path:
    """Give ``clone`` the ``.venv`` that ``make setup``'s venv step would leave, without downloading.

    A venv whose ``.pth`` names the folder this interpreter finds the locked packages in (a plain path
    line, so this checkout's editable-install hook is not run), plus the effect of the Makefile's ``pip install --no-deps -e .``:
    the clone's folder on the path (building the editable wheel would fetch a recent setuptools), and the
    console scripts the Makefile calls, run by the clone's interpreter. The ``.installed`` stamp is touched last, so make keeps the venv. Returns the venv's python.
    """
    venv = clone / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], env=env, check=True, timeout=300)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               env=env, capture_output=True, text=True, check=True, timeout=60).stdout.strip())
    (site / "_reuse_installed_packages.pth").write_text(f"{_installed_packages()}\n")
    (site / "_clone_editable.pth").write_text(f"{clone}\n")
    for script in SCRIPTS:  # console scripts, run by the clone's interpreter
        lines = (Path(sys.executable).parent / script).read_text().splitlines(keepends=True)
        (venv / "bin" / script).write_text(f"#!{python}\n" + "".join(lines[1:]))
        (venv / "bin" / script).chmod(0o755)
    (venv / ".installed").touch()
    return python


def _free_port() -> int:
    from deploy.launch import free_port

    return free_port()


def _wait_http(url: str, proc: subprocess.Popen, deadline: float, log: Path, start: float) -> float | None:
    """Poll ``url`` until it answers 200; return when the log first showed the server's command (seconds
    after ``start``: the end of make's set-up steps), or None if it never did."""
    launched = None
    while time.perf_counter() < deadline:
        if launched is None and any(m in log.read_text(errors="replace") for m in LAUNCH_MARKS):
            launched = time.perf_counter() - start
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with status {proc.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return launched
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not answer within {TIMEOUT_S} s")


def _stop(proc: subprocess.Popen) -> None:
    """Stop the process group this script started (make and the Streamlit server under it)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)


def time_to_first_page(cmd: list[str], cwd: Path, env: dict, port: int, browser,
                       drawn: str) -> tuple[float | None, float, float]:
    """Seconds from starting ``cmd`` until the server is launched (``make run``'s set-up done; None for a
    bare ``streamlit run``), until ``/`` answers, and until ``drawn`` (a JS predicate) holds."""
    log_path = cwd.parent / f"server-{port}.log"  # beside the clone, created after the clone was checked
    log = open(log_path, "w")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        launched = _wait_http(url, proc, start + TIMEOUT_S, log_path, start)
        answered = time.perf_counter() - start
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        page = context.new_page()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_S * 1000)
        page.wait_for_function(drawn, timeout=TIMEOUT_S * 1000)
        drawn_at = time.perf_counter() - start
        context.close()
        return launched, answered, drawn_at
    except Exception:
        log.flush()
        print(log_path.read_text()[-4000:], file=sys.stderr)
        raise
    finally:
        _stop(proc)
        log.close()


def measure_once(env: dict, full_install: bool, browser) -> tuple[str, float, tuple, tuple]:
    """One fresh clone: (commit, clone seconds, make run timings, hello-world timings)."""
    with tempfile.TemporaryDirectory(prefix="fresh-clone-") as tmp:
        clone = Path(tmp) / "repo"
        start = time.perf_counter()
        head = clone_head(clone, env)
        cloned = time.perf_counter() - start
        assert sorted(p.name for p in Path(tmp).iterdir()) == ["repo"]  # nothing beside the clone
        if not full_install:
            seed_venv(clone, env)
        port = _free_port()
        ours = time_to_first_page(["make", "run", f"PORT={port}"], clone, env, port, browser, MAP_DRAWN)
        port = _free_port()
        hello_cmd = [str(clone / ".venv" / "bin" / "streamlit"), "run", "bench/apps/hello.py",
                     "--server.port", str(port), "--server.headless", "true"]
        hello = time_to_first_page(hello_cmd, clone, env, port, browser, HELLO_DRAWN)
    return head, cloned, ours, hello


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fresh_clone", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh clones measured (medians are printed)")
    parser.add_argument("--full-install", action="store_true",
                        help="let make create the venv (pip downloads the locked packages; needs the network)")
    args = parser.parse_args(argv)
    from bench.measure import chromium

    res = Results("fresh_clone", "Fresh clone: time to the first page", command_line("bench.fresh_clone", argv),
                  ["measure", "make run (this app)", "hello-world Streamlit", "ratio"]).start()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DASHBOARD_", "VIRTUAL_ENV", "PYTHON"))}
    with chromium() as browser:
        results = [measure_once(env, args.full_install, browser) for _ in range(args.runs)]
    head = results[0][0]
    cloned = statistics.median(r[1] for r in results)
    ours = [statistics.median(r[2][i] for r in results) for i in range(3)]
    hello = [statistics.median(r[3][i] for r in results) for i in range(1, 3)]
    venv = "make created the venv with pip" if args.full_install else "venv reused from this checkout"
    res.add("set-up steps of make run (first data release)", fmt(ours[0], "s"), "—", "—")
    for label, a, b in (("until / answers HTTP 200", ours[1], hello[0]),
                        ("until drawn in Chromium (Beranda: title and map; hello: its title)", ours[2], hello[1])):
        res.add(label, fmt(a, "s"), fmt(b, "s"), ratio(a, b))
    res.notes.append(f"Clone of {head[:10]} into an empty folder, median of {args.runs} clones ({venv}; "
                     f"git clone {cloned:.1f} s); times from the start of `make run` (hello-world: `streamlit run`).")
    res.data.update(runs=[{"commit": r[0], "clone_s": r[1], "make_run": r[2], "hello": r[3]} for r in results])
    res.finish().print()
    print(f"written: {res.save()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

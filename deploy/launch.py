"""Start the production stack: N Streamlit workers on loopback ports, nginx in front.

    python -m deploy.launch --workers 2 --port 8080 [--run-dir D] [--server-name dasbor.example.id]

Waits until every worker answers ``/_stcore/health``, runs the default page once in each (imports
and caches are built before the first visitor), renders deploy/nginx.conf.template into the run
directory, starts nginx unprivileged from there and prints the URL. A worker that dies is started
again on the same port (nginx routes around it meanwhile); SIGTERM or Ctrl-C stops everything.
Tests and the load benchmark use :class:`Stack` directly.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from deploy import nginx, settings
from deploy.procs import die_with_parent, free_port, http_status

REPO = Path(__file__).resolve().parent.parent
NGINX_BIN = "/usr/sbin/nginx"
log = logging.getLogger("deploy")


@dataclass
class Stack:
    """Streamlit workers and nginx, started together and stopped together."""

    workers: int = 2
    port: int = 8080
    run_dir: Path | None = None
    host: str = "127.0.0.1"
    server_names: list[str] = field(default_factory=lambda: ["localhost", "127.0.0.1"])
    script: Path = REPO / "dashboard" / "app.py"
    site_dir: Path = REPO / "site"
    env: dict[str, str] = field(default_factory=dict)
    cookie_secure: bool = False
    warm_pages: list[str] = field(default_factory=lambda: [""])
    health_timeout: float = 90
    nginx_bin: str = NGINX_BIN
    max_restarts: int = 5
    with_nginx: bool = True
    #: htpasswd file of the staff app (docs/staff.md); None: no staff app, /staf/ answers 404.
    staff_htpasswd: Path | None = None
    staff_script: Path = REPO / "dashboard" / "staff_app.py"
    worker_ports: list[int] = field(default_factory=list)
    procs: list[subprocess.Popen] = field(default_factory=list)
    nginx_proc: subprocess.Popen | None = None
    staff_port: int | None = None
    staff_proc: subprocess.Popen | None = None
    staff_token: str = ""
    restarts: int = 0

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def worker_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{p}" for p in self.worker_ports]

    @property
    def staff_url(self) -> str | None:
        """The staff app through nginx (``None`` without one)."""
        return f"{self.url}/staf/" if self.staff_htpasswd else None

    @property
    def worker_pids(self) -> list[int]:
        return [p.pid for p in self.procs]

    def __enter__(self) -> Stack:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        """Start the workers, wait for their health, warm them up, then start nginx."""
        if self.run_dir is None:
            self.run_dir = Path(tempfile.mkdtemp(prefix="dasbor-run-"))
        self.run_dir = Path(self.run_dir).resolve()
        self.run_dir.mkdir(parents=True, exist_ok=True)
        # One cookie secret for all workers: an XSRF cookie signed by one is valid at the others.
        self.env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET",
                            os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_hex(32))
        self.worker_ports = [free_port() for _ in range(self.workers)]
        self.procs = [self._spawn(i) for i in range(self.workers)]
        if self.staff_htpasswd is not None:
            self._start_staff()
        for i in range(self.workers):
            self._wait_healthy(i)
        if self.staff_proc is not None:
            self._wait_url(f"http://127.0.0.1:{self.staff_port}/staf/_stcore/health", self.staff_proc, "staff.log")
        if self.warm_pages:
            self._warm(self.worker_urls)
        if self.with_nginx:
            self._start_nginx()
        log.info("serving %s (workers %s, run dir %s)", self.url, ", ".join(self.worker_urls), self.run_dir)

    def _start_nginx(self) -> None:
        conf = nginx.write_config(nginx.NginxSite(
            run_dir=self.run_dir, listen_port=self.port, listen_host=self.host,
            worker_ports=self.worker_ports, server_names=self.server_names, site_dir=self.site_dir,
            cookie_secure=self.cookie_secure, staff_port=self.staff_port, staff_htpasswd=self.staff_htpasswd,
            staff_token=self.staff_token))
        base = [self.nginx_bin, "-p", str(self.run_dir), "-c", str(conf), "-e", str(self.run_dir / "nginx-error.log")]
        check = subprocess.run([*base, "-t", "-q"], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx rejected {conf}:\n{check.stderr}")
        self.nginx_proc = subprocess.Popen([*base, "-g", "daemon off;"], start_new_session=True,
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                           preexec_fn=die_with_parent)
        deadline = time.monotonic() + 15
        while http_status(self.url + "/healthz", host=self.server_names[0]) != 200:
            if self.nginx_proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not come up; see {self.run_dir / 'nginx-error.log'}")
            time.sleep(0.1)

    def _spawn(self, index: int) -> subprocess.Popen:
        port = self.worker_ports[index]
        hosts = [flag for name in self.server_names for flag in ("--server.allowedHosts", name)]
        cmd = [sys.executable, "-m", "deploy.worker", "run", str(self.script), *settings.production_flags(),
               "--server.port", str(port), "--server.address", "127.0.0.1", *hosts]
        logfile = (self.run_dir / f"worker-{index + 1}.log").open("a")
        # cwd is the repository, so .streamlit/config.toml (theme, public options) still applies
        # to every key the production flags do not set.
        proc = subprocess.Popen(cmd, cwd=REPO, env={**os.environ, **self.env}, stdout=logfile,
                                stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=die_with_parent)
        logfile.close()
        return proc

    def _start_staff(self, wait: bool = False) -> None:
        """The staff worker: its own process and port, base path /staf, a proxy token only nginx knows."""
        from deploy import staffworker

        if not Path(self.staff_htpasswd).is_file():
            raise RuntimeError(f"staff password file {self.staff_htpasswd} is missing: run `make staff-user NAME=...`")
        self.staff_token = self.staff_token or secrets.token_hex(32)
        self.staff_port = self.staff_port or free_port()
        self.staff_proc = staffworker.spawn(self.staff_script, self.staff_port, self.server_names, self.run_dir,
                                            {**os.environ, **self.env}, self.staff_token, die_with_parent)
        if wait:
            self._wait_url(f"http://127.0.0.1:{self.staff_port}/staf/_stcore/health", self.staff_proc, "staff.log")

    def _wait_healthy(self, index: int) -> None:
        self._wait_url(self.worker_urls[index] + "/_stcore/health", self.procs[index], f"worker-{index + 1}.log")

    def _wait_url(self, url: str, proc: subprocess.Popen, log_name: str) -> None:
        deadline = time.monotonic() + self.health_timeout
        while http_status(url) != 200:
            if proc.poll() is not None or time.monotonic() > deadline:
                tail = (self.run_dir / log_name).read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{log_name[:-4]} did not become healthy:\n{tail}")
            time.sleep(0.2)

    def _warm(self, base_urls: list[str]) -> None:
        from deploy import stclient

        async def all_workers() -> list[list[stclient.RunResult]]:
            return await asyncio.gather(*[
                stclient.warm_up(url.replace("http://", "ws://") + "/_stcore/stream", self.warm_pages)
                for url in base_urls])

        for url, results in zip(base_urls, asyncio.run(all_workers()), strict=True):
            for result in results:
                if not result.ok:
                    log.warning("warm-up run on %s was not clean: %s %s", url, result.exceptions,
                                result.error_alerts)

    def check(self) -> None:
        """Restart dead workers (up to ``max_restarts`` in all); raise when nginx is gone."""
        if self.nginx_proc is not None and self.nginx_proc.poll() is not None:
            raise RuntimeError(f"nginx exited with {self.nginx_proc.returncode}")
        for i, proc in enumerate(self.procs):
            if proc.poll() is None:
                continue
            if self.restarts >= self.max_restarts:
                raise RuntimeError(f"worker {i + 1} exited with {proc.returncode}; restart limit reached")
            self.restarts += 1
            log.warning("worker %d exited with %s; starting it again", i + 1, proc.returncode)
            self.procs[i] = self._spawn(i)
            self._wait_healthy(i)
        if self.staff_proc is not None and self.staff_proc.poll() is not None:
            if self.restarts >= self.max_restarts:
                raise RuntimeError(f"staff worker exited with {self.staff_proc.returncode}; restart limit reached")
            self.restarts += 1
            log.warning("staff worker exited with %s; starting it again", self.staff_proc.returncode)
            self._start_staff(wait=True)

    def stop(self) -> None:
        """Stop nginx, then the workers (SIGTERM, SIGKILL after 10 s). Safe to call twice."""
        everything = ([self.nginx_proc] if self.nginx_proc else []) + self.procs + \
            ([self.staff_proc] if self.staff_proc else [])
        for proc in everything:
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
        for proc in everything:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        self.nginx_proc, self.procs, self.staff_proc = None, [], None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m deploy.launch", description=__doc__.splitlines()[0])
    p.add_argument("--workers", type=int, default=2, help="Streamlit processes (about one per core)")
    p.add_argument("--port", type=int, default=8080, help="port nginx listens on")
    p.add_argument("--host", default="127.0.0.1", help="address nginx listens on (0.0.0.0 for all)")
    p.add_argument("--run-dir", type=Path, help="pid, logs, rendered config (default: a new temp dir)")
    p.add_argument("--server-name", action="append", dest="server_names",
                   help="Host name visitors use (repeatable); other Host headers are refused")
    p.add_argument("--site-dir", type=Path, default=REPO / "site", help="pre-rendered pages served at /site/")
    p.add_argument("--script", type=Path, default=REPO / "dashboard" / "app.py")
    p.add_argument("--cookie-secure", action="store_true", help="mark the sticky cookie Secure (behind HTTPS)")
    p.add_argument("--no-warm", action="store_true", help="skip running the default page once per worker")
    p.add_argument("--staff-htpasswd", type=Path, default=None,
                   help="start the staff app at /staf/ behind this password file (make staff-user NAME=...)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s deploy %(levelname)s %(message)s")
    args = parse_args(argv)
    stack = Stack(workers=args.workers, port=args.port, run_dir=args.run_dir, host=args.host,
                  server_names=args.server_names or ["localhost", "127.0.0.1"], script=args.script,
                  site_dir=args.site_dir, cookie_secure=args.cookie_secure,
                  warm_pages=[] if args.no_warm else [""], staff_htpasswd=args.staff_htpasswd)
    stopping = False

    def request_stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        log.info("signal %d: stopping", signum)
        stopping = True

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    try:
        stack.start()
        print(f"Dasbor: {stack.url}/  (health: {stack.url}/healthz)", flush=True)
        if stack.staff_url:
            print(f"Staf: {stack.staff_url}  (kata sandi: {stack.staff_htpasswd})", flush=True)
        while not stopping:
            stack.check()
            time.sleep(1)
    except RuntimeError as exc:
        log.error("%s", exc)
        return 1
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

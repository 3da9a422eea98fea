"""Start the staff Streamlit worker (dashboard/staff_app.py) for :class:`deploy.launch.Stack`.

Its own process and port on loopback, the production settings plus deploy/streamlit-staff.toml (base
path ``/staf``, 20 MB uploads), its own cookie secret, and the proxy token nginx adds to every request
(``DASHBOARD_STAFF_PROXY_TOKEN``): the staff app refuses any request without it. Output goes to
``RUN_DIR/staff.log``.
"""

from __future__ import annotations

import secrets
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from deploy import settings

REPO = Path(__file__).resolve().parent.parent


def command(script: Path, port: int, server_names: list[str]) -> list[str]:
    hosts = [flag for name in server_names for flag in ("--server.allowedHosts", name)]
    return [sys.executable, "-m", "deploy.worker", "run", str(script), *settings.staff_flags(),
            "--server.port", str(port), "--server.address", "127.0.0.1", *hosts]


def spawn(script: Path, port: int, server_names: list[str], run_dir: Path, env: dict[str, str], token: str,
          preexec: Callable[[], None] | None = None) -> subprocess.Popen:
    staff_env = {**env, "DASHBOARD_STAFF_AUTH": "proxy", "DASHBOARD_STAFF_PROXY_TOKEN": token,
                 "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
    with (run_dir / "staff.log").open("a") as logfile:
        return subprocess.Popen(command(script, port, server_names), cwd=REPO, env=staff_env, stdout=logfile,
                                stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=preexec)

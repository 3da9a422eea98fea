"""The staff app in the production stack: its own worker behind nginx basic auth at /staf/.

401 without (or with wrong) credentials and no request reaches any worker (nginx's access log names
the upstream of every request: "-" for these); the password file comes from `make staff-user`
(bcrypt, mode 600); nginx sets the user name and proxy token itself, so forged headers do not work;
the staff worker refuses requests that did not come through nginx; the public workers never render
the staff UI, and asked directly they answer 404 for every staff path.
"""

from __future__ import annotations

import asyncio
import base64
import os
import re
import stat
import subprocess
import time
from pathlib import Path

import pytest

from deploy.launch import NGINX_BIN, REPO, Stack, free_port
from deploy.nginx import STAFF_REALM, streamlit_static_root
from deploy.stclient import StreamlitSession
from tests.deploy.stackutil import raw_request

PASSWORD = "kata-sandi-uji-9F3k"
STAFF_PATHS = ["/staf", "/staf/", "/staf/unggah", "/staf/roster", "/staf/rilis", "/staf/_stcore/health",
               "/staf/_stcore/host-config", "/staf/_stcore/stream", "/staf/_stcore/upload_file/x/y",
               "/staf/media/abc.csv", "/staf/favicon.png", "/staf/app/static/x"]
STAFF_MARKERS = [b"Unggah angka resmi", b"Roster PSKS", b"Rilis dan pemulihan", b"masuk sebagai"]


def basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


@pytest.fixture(scope="module")
def htpasswd(tmp_path_factory) -> Path:
    """Made by the real make target, password from the environment (as a provisioning script would)."""
    path = tmp_path_factory.mktemp("private") / "staf.htpasswd"
    run = subprocess.run(["make", "-s", "-o", ".venv/.installed", "staff-user", "NAME=alice",
                          f"STAFF_HTPASSWD={path}"], cwd=REPO, env={**os.environ, "STAFF_PASSWORD": PASSWORD},
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    return path


@pytest.fixture(scope="module")
def staff_stack(data_env, htpasswd, tmp_path_factory):
    if not Path(NGINX_BIN).exists():
        pytest.fail(f"{NGINX_BIN} is missing: run `make system-deps`")
    env = {**data_env, "DASHBOARD_PRIVATE_DIR": str(tmp_path_factory.mktemp("priv"))}
    with Stack(workers=1, port=free_port(), run_dir=tmp_path_factory.mktemp("run"), env=env, warm_pages=[],
               staff_htpasswd=htpasswd) as running:
        yield running


def get(stack: Stack, path: str, headers: dict[str, str] | None = None):
    return raw_request(stack.port, path, headers=headers)


def access_lines(stack: Stack, path: str, at_least: int = 0) -> list[str]:
    """The access log lines of ``path`` (nginx logs after answering: wait up to 5 s for ``at_least``)."""
    deadline = time.monotonic() + 5
    while True:
        text = (stack.run_dir / "nginx-access.log").read_text(errors="replace")
        lines = [line for line in text.splitlines() if f'"GET {path} HTTP/1.1"' in line]
        if len(lines) >= at_least or time.monotonic() > deadline:
            return lines
        time.sleep(0.05)


def test_make_staff_user_writes_a_bcrypt_entry_only_the_owner_reads(htpasswd):
    [line] = htpasswd.read_text().splitlines()
    assert re.fullmatch(r"alice:\$2b\$10\$[./A-Za-z0-9]{53}", line)
    assert PASSWORD not in htpasswd.read_text()
    assert stat.S_IMODE(htpasswd.stat().st_mode) == 0o600
    bad = subprocess.run(["make", "-s", "-o", ".venv/.installed", "staff-user", "NAME=x y",
                          f"STAFF_HTPASSWD={htpasswd}"], cwd=REPO, env={**os.environ, "STAFF_PASSWORD": PASSWORD},
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode != 0 and htpasswd.read_text().splitlines() == [line]


@pytest.mark.parametrize("path", STAFF_PATHS)
def test_every_staff_path_needs_a_password_and_reaches_no_worker(staff_stack, path):
    for headers in (None, basic("alice", "salah-sekali-123"), basic("mallory", PASSWORD)):
        response, body = get(staff_stack, path, headers)
        assert response.status == 401, (path, headers)
        assert response.getheader("WWW-Authenticate") == f'Basic realm="{STAFF_REALM}"'
        assert not any(marker in body for marker in STAFF_MARKERS)
    lines = access_lines(staff_stack, path, at_least=3)
    assert len(lines) >= 3 and all(" 401 " in line and " up=- " in line for line in lines)


def test_with_the_password_the_staff_worker_answers(staff_stack):
    response, body = get(staff_stack, "/staf/", basic("alice", PASSWORD))
    assert response.status == 200 and b'<div id="root">' in body
    line = access_lines(staff_stack, "/staf/", at_least=4)[-1]
    assert f"up=127.0.0.1:{staff_stack.staff_port} " in line and line.endswith("user=alice")
    assert response.getheader("Content-Security-Policy")  # the site's security headers apply here too


def test_staff_bundle_files_are_the_public_bundle_from_disk(staff_stack):
    _, page = get(staff_stack, "/staf/", basic("alice", PASSWORD))
    js = re.search(rb'src="\./(static/js/index\.[\w-]+\.js)"', page).group(1).decode()
    response, body = get(staff_stack, "/staf/" + js)  # no password: nothing staff-specific
    assert response.status == 200 and body == (streamlit_static_root() / js).read_bytes()
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"


def _staff_run(url: str, headers: dict[str, str]) -> bytes:
    async def run():
        async with StreamlitSession(url.replace("http://", "ws://") + "/staf/_stcore/stream", headers=headers,
                                    record=True) as session:
            result = await session.rerun()
            assert result.status >= 0
            return b"".join(session.received)
    return asyncio.run(run())


def test_forged_user_headers_are_replaced_by_nginx(staff_stack):
    forged = {**basic("alice", PASSWORD), "X-Dasbor-User": "mallory", "X-Dasbor-Proxy": "0" * 64,
              "Origin": staff_stack.url}
    frames = _staff_run(staff_stack.url, forged)
    assert b"masuk sebagai **alice**" in frames and b"mallory" not in frames


def test_the_staff_worker_refuses_requests_that_bypass_nginx(staff_stack):
    direct = f"http://127.0.0.1:{staff_stack.staff_port}"
    frames = _staff_run(direct, {"X-Dasbor-User": "alice", "X-Dasbor-Proxy": "0" * 64, "Origin": direct})
    assert b"Akses ditolak" in frames and b"Unggah angka resmi" not in frames


@pytest.mark.parametrize("page", ["staf", "staf/unggah", "unggah", "roster", "rilis"])
def test_public_workers_never_render_the_staff_ui(staff_stack, page):
    public = staff_stack.worker_urls[0]

    async def run():
        async with StreamlitSession(public.replace("http://", "ws://") + "/_stcore/stream", record=True) as s:
            await s.rerun(page_name=page)
            return b"".join(s.received)

    frames = asyncio.run(run())
    assert b"Dasbor" in frames or b"Banten" in frames  # the public app ran
    assert not any(marker in frames for marker in STAFF_MARKERS) and b"file_uploader" not in frames
    for path in ("/staf", "/staf/", f"/{page}"):
        _, body = raw_request(staff_stack.worker_ports[0], path)
        assert not any(marker in body for marker in STAFF_MARKERS)
    for path in STAFF_PATHS:  # asked directly, a public worker has no staff path at all
        response, body = raw_request(staff_stack.worker_ports[0], path)
        assert response.status == 404 and b"Dasbor" not in body, path
    # Through nginx a staff path never goes to a public worker.
    assert all(f":{staff_stack.worker_ports[0]} " not in line for p in STAFF_PATHS for line in access_lines(staff_stack, p))

"""The staff app end to end in Chromium, through nginx with basic auth and its own worker: 401 without
credentials; template download; a refused upload listing its problems; an upload previewed figure by
figure and published after the confirmation; the real roster imported (preview without private
values); a rollback; every action in audit.csv with the proxy's user name."""

from __future__ import annotations

import io
import os
import stat
import subprocess
from pathlib import Path

import openpyxl
import pytest
from roster_files import CANARIES, PUBLIC_NAME, write_csv

from dashboard.data import audit, build, release
from deploy.launch import NGINX_BIN, REPO, Stack, free_port

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
PASSWORD = "kata-sandi-uji-9F3k"
FIXTURES = REPO / "tests" / "fixtures" / "staff"


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    root = tmp_path_factory.mktemp("staff-e2e")
    values = {"DASHBOARD_RELEASES_DIR": str(root / "releases"), "DASHBOARD_PRIVATE_DIR": str(root / "private"),
              "DASHBOARD_OPENDATA_DIR": str(root / "opendata"), "DASHBOARD_SITE_DIR": str(root / "site"),
              "DASHBOARD_LIGHT_PAGES": "0", "DASHBOARD_GEO_DIR": str(root / "geo")}
    with pytest.MonkeyPatch.context() as mp:
        for key, value in values.items():
            mp.setenv(key, value)
        build.init_release()
    return values


@pytest.fixture(scope="module")
def stack(env, tmp_path_factory):
    if not Path(NGINX_BIN).exists() or not Path(CHROMIUM).exists():
        pytest.fail("nginx and chromium are needed: run `make system-deps`")
    htpasswd = Path(env["DASHBOARD_PRIVATE_DIR"]) / "staf.htpasswd"
    subprocess.run([".venv/bin/python", "-m", "deploy.staffusers", "add", "alice", "--file", str(htpasswd)],
                   cwd=REPO, env={**os.environ, "STAFF_PASSWORD": PASSWORD}, check=True, capture_output=True)
    with Stack(workers=1, port=free_port(), run_dir=tmp_path_factory.mktemp("run"), env=dict(env),
               warm_pages=[], staff_htpasswd=htpasswd) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def idle(page) -> None:
    page.wait_for_timeout(300)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)


def upload(page, path: Path) -> None:
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(path))
    idle(page)


def test_unauthenticated_browser_gets_401(stack, browser):
    context = browser.new_context()
    page = context.new_page()
    statuses: list[int] = []
    page.on("response", lambda r: statuses.append(r.status))
    with pytest.raises(sync_api.Error, match="ERR_INVALID_AUTH_CREDENTIALS"):  # Chromium's answer to a 401
        page.goto(stack.url + "/staf/")
    assert statuses == [401]
    response = context.request.get(stack.url + "/staf/unggah")
    assert response.status == 401 and "Unggah" not in response.text()
    context.close()


def test_upload_preview_publish_roster_rollback_audit(stack, env, browser, tmp_path, monkeypatch):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    first = release.current_id()
    context = browser.new_context(http_credentials={"username": "alice", "password": PASSWORD},
                                  accept_downloads=True, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    frames: list[bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda d: frames.append(d if isinstance(d, bytes) else d.encode())))
    page.goto(stack.url + "/staf/")
    page.get_by_text("Unggah angka resmi").wait_for(timeout=60_000)
    idle(page)
    assert "masuk sebagai alice" in page.inner_text("body")

    with page.expect_download() as info:
        page.get_by_role("button", name="Unduh templat Excel (kolom, contoh, daftar kode)").click()
    workbook = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert workbook.sheetnames == ["Data", "Contoh", "Kode"]
    idle(page)

    upload(page, FIXTURES / "kode_wilayah_tidak_dikenal.csv")
    page.get_by_text("masalah. Tidak ada yang diterbitkan").wait_for(timeout=60_000)
    assert b"kode wilayah tidak dikenal" in b"".join(frames)  # the problem table (a canvas) got the rule
    assert release.current_id() == first

    upload(page, FIXTURES / "baik_bersih.csv")
    page.get_by_text("Berkas lolos pemeriksaan").wait_for(timeout=60_000)
    body = page.inner_text("body")
    assert "Pratinjau per angka" in body and "Halaman publik yang berubah" in body and "Ditarik" in body
    publish = page.get_by_role("button", name="Terbitkan", exact=True)
    assert publish.is_disabled()
    page.get_by_text("Saya sudah memeriksa pratinjau").click()
    idle(page)
    page.get_by_role("button", name="Terbitkan", exact=True).click()
    page.get_by_text("Diterbitkan sebagai rilis").wait_for(timeout=90_000)
    stats_release = release.current_id()
    assert stats_release != first and stats_release in page.inner_text("body")
    assert (Path(env["DASHBOARD_OPENDATA_DIR"]) / "statistik.csv").exists()  # outputs written as by the command

    page.goto(stack.url + "/staf/roster")
    page.get_by_text("Unggah roster PSKS").wait_for(timeout=60_000)
    idle(page)
    upload(page, write_csv(tmp_path / "roster_dinsos.csv"))
    page.get_by_text("Roster lolos pemeriksaan").wait_for(timeout=60_000)
    text = page.inner_text("body")
    assert "di bawah 18 tahun" in text and "Baris baru (4)" in text
    assert PUBLIC_NAME.encode() in b"".join(frames)  # the preview table (drawn on a canvas) holds the public name
    page.get_by_text("Saya sudah memeriksa pratinjau").click()
    idle(page)
    page.get_by_role("button", name="Terbitkan roster").click()
    page.get_by_text("Roster diterbitkan sebagai rilis").wait_for(timeout=90_000)
    roster_release = release.current_id()
    assert PUBLIC_NAME in set(release.load_release(roster_release).roster.nama)
    shown = page.content() + b"".join(frames).decode("utf-8", errors="ignore")
    assert [v for v in CANARIES.values() if v in shown] == []  # the staff page shows no private value either

    page.goto(stack.url + "/staf/rilis")
    page.get_by_text("Pulihkan rilis lama").wait_for(timeout=60_000)
    idle(page)
    page.get_by_text("Saya ingin menjadikan isi rilis").click()
    idle(page)
    page.get_by_role("button", name="Pulihkan rilis ini").click()
    page.get_by_text("dipulihkan sebagai rilis baru").wait_for(timeout=90_000)
    context.close()

    now = release.load_newest_good().release
    assert now.release_id not in (first, stats_release, roster_release)
    assert now.roster.equals(release.load_release(stats_release).roster)  # the roster import was undone
    log = audit.read(Path(env["DASHBOARD_RELEASES_DIR"]))
    mine = log[log.pengguna == "alice"]
    assert mine.aksi.tolist() == ["unduh_templat", "periksa", "periksa", "terbitkan", "periksa_roster",
                                  "impor_roster", "pulihkan"]
    assert mine.hasil.tolist() == ["lolos", "ditolak", "lolos", "diterbitkan", "lolos", "diterbitkan", "diterbitkan"]
    assert mine.rilis.tolist()[3:4] + mine.rilis.tolist()[5:] == [stats_release, roster_release, now.release_id]
    assert all(len(h) == 64 for h in mine.sha256.tolist()[1:6])
    private = Path(env["DASHBOARD_PRIVATE_DIR"])
    assert list((private / "tmp").iterdir()) == []  # the upload copies are gone
    stored = sorted((private / "roster").iterdir())
    assert stored and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in stored)

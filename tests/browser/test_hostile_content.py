"""Privacy and injection, end to end, after a REAL roster import through the real path.

The release starts with hostile statistics (script payloads in every text field) and the synthetic
roster with canaries; then a roster file shaped like the one Dinsos holds, with a distinctive canary
in every private field (NIK, phone, address, birth date, the name of an adult who did not consent, a
minor's name) and script payloads as published names, is imported with
``python -m dashboard.data roster publish`` (which also writes the open data), and the light pages are
built with ``python -m dashboard.site build``. Every public output is then searched for every canary:
each page in Chromium (page text and every websocket frame), every download (XLSX opened as a
workbook), the open-data folder, the light pages and the public server's log. No injected script may
run. Positive controls: the search finds the canaries in the private copy of the file, and the public
roster page does show the consenting adult's name (the import reached the public app).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from dashboard.app import PAGES, page_path
from tests.appserver import CHROMIUM, CHROMIUM_ARGS, REPO, running_app
from tests.hostile import INJECTIONS, leaked, publish_hostile_release
from tests.staff.roster_files import PUBLIC_NAME, injection_rows, private_fragments, rows, write_csv

pytestmark = pytest.mark.browser
playwright = pytest.importorskip("playwright.sync_api")

#: Extra views that show the hostile fields: the figure card of UEP 2022, a roster name search.
EXTRA_URLS = [
    "peta?seri=penerima:UEP&tahun=2022",
    "peta?seri=penerima:JSLU&tahun=2024&tingkat=kecamatan",
    "cari?q=UEP%202022",
    "psks?cari=Kanari",
    "psks?kab=3604&kec=3604010",
    "tren?seri=penerima:UEP&wil=36",
]
#: Payloads a roster import accepts as names (a leading "=" is refused by the import itself).
NAME_PAYLOADS = [p for p in INJECTIONS if not p.startswith("=")]


def found_private(text: str) -> list[str]:
    """Which canaries (synthetic roster, real roster file) or hidden names occur in ``text``."""
    return leaked(text) + [f for f in private_fragments() if f in text]


def blob_text(blob: bytes) -> str:
    """Text of a file: an XLSX is opened as a workbook (every cell) and unzipped (every part)."""
    if blob[:4] != b"PK\x03\x04":
        return blob.decode("utf-8", errors="ignore")
    parts = []
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        parts += [archive.read(name).decode("utf-8", errors="ignore") for name in archive.namelist()]
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(blob), read_only=True)
        parts += [str(cell) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for cell in row]
    except Exception:  # a zip that is not a workbook: its parts were read above
        pass
    return "\n".join(parts)


def folder_texts(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): blob_text(p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    outputs = tmp_path_factory.mktemp("outputs")
    env = {"DASHBOARD_RELEASES_DIR": str(root), "DASHBOARD_PRIVATE_DIR": str(outputs / "private"),
           "DASHBOARD_OPENDATA_DIR": str(outputs / "opendata"), "DASHBOARD_SITE_DIR": str(outputs / "site"),
           "DASHBOARD_LIGHT_PAGES": "0"}
    publish_hostile_release(root)
    roster_file = write_csv(outputs / "roster_psks_dinsos.csv", rows() + injection_rows(NAME_PAYLOADS))
    run_env = {**os.environ, **env}
    imported = subprocess.run([sys.executable, "-m", "dashboard.data", "roster", "publish", str(roster_file)],
                              cwd=REPO, env=run_env, capture_output=True, text=True, timeout=300)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "Rilis baru" in imported.stdout and not found_private(imported.stdout + imported.stderr)
    site = subprocess.run([sys.executable, "-m", "dashboard.site", "build", "--out", env["DASHBOARD_SITE_DIR"]],
                          cwd=REPO, env=run_env, capture_output=True, text=True, timeout=600)
    assert site.returncode == 0, site.stdout + site.stderr
    roster_file.unlink()  # only the private copy remains
    with running_app(root, extra_env=env) as url:
        yield url, root, outputs


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        yield p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def _visit(browser, url: str) -> tuple[list[bytes], list[bytes], bool, str]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    frames: list[bytes] = []
    dialogs: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda data: frames.append(
        data if isinstance(data, bytes) else data.encode())))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector("[data-testid=stApp]", timeout=30_000)
    # Every page ends with the site footer (the briefing screen with its slides frame).
    page.wait_for_selector(".site-footer, iframe", timeout=45_000)
    page.wait_for_timeout(1500)
    files = []
    buttons = page.locator("[data-testid=stDownloadButton] button")
    for i in range(buttons.count()):
        # A download that reruns the script leaves the page inert for a moment: wait it out.
        page.wait_for_function("() => !document.querySelector('[data-stale=true]')", timeout=30_000)
        with page.expect_download(timeout=30_000) as info:
            buttons.nth(i).click()
        files.append(Path(info.value.path()).read_bytes())
    # Hover the Plotly charts so hover labels render too.
    for chart in page.locator(".js-plotly-plot").all()[:3]:
        chart.hover()
    pwned = page.evaluate("() => window.__pwned !== undefined") or bool(dialogs)
    html = page.content() + "\n" + page.inner_text("body")
    context.close()
    return frames, files, pwned, html


def test_positive_control_the_search_finds_the_private_copy(hostile_app):
    _, _, outputs = hostile_app
    [stored] = (outputs / "private" / "roster").glob("*-roster.csv")
    missing = [f for f in private_fragments() if f not in found_private(stored.read_text(encoding="utf-8"))]
    # Forms the import normalises (the phone's dashes, the written birth dates) are stored differently.
    assert set(missing) <= {"0812-7777-4242", "081277774242", "15 November 1980", "15/05/2012"}
    assert "CANARY-ALAMAT-7Q2" in found_private(stored.read_text(encoding="utf-8"))
    [original] = (outputs / "private" / "roster").glob("*-asli.csv")
    assert set(private_fragments()) - set(found_private(original.read_text(encoding="utf-8"))) <= {"081277774242",
                                                                                                  "1980-11-15", "2012-05-15"}


def test_no_canary_in_open_data_light_pages_or_release(hostile_app):
    _, root, outputs = hostile_app
    searched = {**folder_texts(outputs / "opendata"), **folder_texts(outputs / "site")}
    assert any(name.endswith("statistik.csv") for name in searched) and any(n.endswith(".html") for n in searched)
    current = (root / "CURRENT").read_text().strip()
    searched |= {f"release/{k}": v for k, v in folder_texts(root / current).items()}
    problems = [f"{name}: {hits}" for name, text in searched.items() if (hits := found_private(text))]
    assert problems == []
    assert PUBLIC_NAME in searched["release/psks_publik.csv"]


def test_no_canary_leaves_the_server_and_no_script_runs(hostile_app, browser):
    url, root, _ = hostile_app
    urls = [f"{url}/{page_path(slug)}" for slug, _, _ in PAGES] + [f"{url}/{extra}" for extra in EXTRA_URLS]
    problems = []
    downloads = 0
    shown_names = False
    for target in urls:
        try:
            frames, files, pwned, html = _visit(browser, target)
        except Exception as exc:  # name the page that could not be driven
            raise AssertionError(f"could not drive {target}: {exc}") from exc
        downloads += len(files)
        shown_names |= target.endswith("cari=Kanari") and PUBLIC_NAME.encode() in b"".join(frames) + html.encode()
        if pwned:
            problems.append(f"{target}: an injected script ran")
        for where, blobs in (("websocket", frames), ("download", files), ("page", [html.encode()])):
            for blob in blobs:
                if found := found_private(blob_text(blob)):
                    problems.append(f"{target}: {where} contains {found}")
    logs = "".join(p.read_text(errors="ignore") for p in root.glob("streamlit-*.log"))
    if found := found_private(logs):
        problems.append(f"server log contains {found}")
    assert problems == []
    assert downloads >= 5, "the pages offer downloads; none were exercised"
    assert shown_names, "positive control: the imported consenting adult is listed on the public roster page"

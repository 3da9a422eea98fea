"""In the default (public) mode, no page, slide, download, light page or open-data file contains a
generated figure: none of the DATA CONTOH figure ids, none of their source text. The positive control
runs the same scan in the demonstration mode and finds them."""

from __future__ import annotations

import re

import pytest

from dashboard import publish
from dashboard.data import build, generate
from tests.views.apptest_tools import page_bytes, page_test

PAGES = [("beranda", {}), ("peta", {}), ("tren", {}), ("wilayah", {"kode": "3602"}), ("psks", {}),
         ("cari", {"q": "penerima 2024"}), ("cari", {"q": "tagana"}), ("metodologi", {}), ("briefing", {})]


@pytest.fixture(scope="module")
def generated() -> tuple[set[bytes], bytes]:
    contoh = build.demo_statistics()
    return {f.encode() for f in contoh["fig_id"]}, generate.CONTOH_SOURCE.encode()


def scan(blob: bytes, generated_ids: set[bytes], source: bytes) -> list[str]:
    found = {m for m in re.findall(rb"c[0-9a-f]{12}", blob) if m in generated_ids}
    return sorted(f.decode() for f in found) + (["source text of DATA CONTOH"] if source in blob else [])


def everything_public(tmp_path, monkeypatch, downloads) -> bytes:
    parts = []
    for page, params in PAGES:
        at = page_test(page, **params).run()
        parts.append(page_bytes(at))  # the briefing's slides travel inside its iframe element
    parts.extend(d.data for d in downloads)
    monkeypatch.setenv("DASHBOARD_LIGHT_PAGES", "1")
    written = publish.write_outputs(opendata_dir=tmp_path / "od", site_dir=tmp_path / "site")
    assert set(written) == {"data terbuka", "halaman ringan"}
    for folder in (tmp_path / "od", tmp_path / "site"):
        parts.extend(p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.suffix in (".html", ".csv", ".json"))
    return b"\n".join(parts)


def test_the_public_mode_shows_no_generated_figure(releases_dir, geo_dir, downloads, tmp_path, monkeypatch, generated):
    blob = everything_public(tmp_path, monkeypatch, downloads)
    assert len(blob) > 1_000_000  # the scan saw the pages, downloads, light pages and open data
    assert b'<section class="slide"' in blob and b"statistik.csv" in blob  # ... the slides and the open data
    assert scan(blob, *generated) == []


def test_positive_control_the_demonstration_mode_is_found(releases_dir, geo_dir, downloads, tmp_path, monkeypatch,
                                                           generated):
    monkeypatch.setenv("DASHBOARD_MODE", "contoh")
    blob = everything_public(tmp_path, monkeypatch, downloads)
    found = scan(blob, *generated)
    assert len(found) > 10 and "source text of DATA CONTOH" in found

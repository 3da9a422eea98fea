"""The Layar Briefing page file under AppTest: it renders one frame holding the slides, with good and
bad URL parameters. Bad values fall back to the defaults and are named in one notice that fades,
shown over the slides (the same behaviour for every parameter)."""

from __future__ import annotations

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.settings import REPO_ROOT

PAGE = str(REPO_ROOT / "dashboard" / "views" / "briefing.py")


@pytest.fixture()
def briefing_env(releases_dir, monkeypatch):
    root = releases_dir  # the shared session release, copied for this test (tests/views/conftest.py)
    monkeypatch.delenv("DASHBOARD_PUBLIC_URL", raising=False)
    st.cache_resource.clear()
    yield root
    st.cache_resource.clear()


def run(**params: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def slides_document(at: AppTest) -> str:
    frames = at.get("iframe")
    assert len(frames) == 1
    return frames[0].proto.srcdoc


def notices(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html") if "<div class='briefing-notice'" in h.proto.body]


def test_default_slide_set(briefing_env):
    at = run()
    document = slides_document(at)
    assert 'data-seconds="20"' in document and 'data-theme="terang"' in document
    assert document.count('<section class="slide"') == 9  # headlines, 3 x (map, trend), PSKS, region
    assert notices(at) == []


def test_chosen_slide_set(briefing_env):
    at = run(program="BLT_BBM", detik="30", tema="gelap", kode="3674", tahun="2024", lang="en")
    document = slides_document(at)
    assert 'data-seconds="30"' in document and 'data-theme="gelap"' in document
    assert document.count('<section class="slide"') == 5
    assert "Programmes in Kota Tangerang Selatan" in document
    assert "Jumlah penerima" not in document  # English texts
    assert notices(at) == []


def test_page_hides_streamlit_chrome_only_with_its_own_css(briefing_env):
    at = run()
    css = [h.proto.body for h in at.get("html") if "<style>" in h.proto.body]
    assert len(css) == 1
    for hidden in ('header[data-testid="stHeader"]', '[data-testid="stToolbar"]', "footer"):
        assert hidden in css[0]
    assert re.search(r'iframe\[data-testid="stIFrame"\] \{ position: fixed', css[0])


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"detik": "3"}, ["detik"]),
        ({"detik": "9999", "tema": "merah"}, ["detik", "tema"]),
        ({"program": "NOPE,UEP"}, ["program"]),
        ({"kode": "<script>alert(1)</script>", "tahun": "1800"}, ["kode", "tahun"]),
        ({"lang": "fr"}, ["lang"]),
    ],
)
def test_bad_params_fall_back_with_one_notice(briefing_env, params, named):
    at = run(**params)
    document = slides_document(at)
    shown = notices(at)
    assert len(shown) == 1
    for name in named:
        assert name in shown[0]
    assert "<script>alert" not in "".join(h.proto.body for h in at.get("html"))
    if "detik" in params:
        assert 'data-seconds="20"' in document
    if "tema" in params:
        assert 'data-theme="terang"' in document


def test_same_url_gives_the_same_document(briefing_env):
    at = run(program="UEP", detik="7")
    first = slides_document(at)
    at.run()
    assert slides_document(at) == first
    assert slides_document(run(program="UEP", detik="7")) == first


def test_qr_codes_use_the_public_address(briefing_env, monkeypatch):
    monkeypatch.setenv("DASHBOARD_PUBLIC_URL", "https://dasbor.dinsos.test/")
    document = slides_document(run(program="UEP"))
    urls = re.findall(r'data-url="([^"]+)"', document)
    assert len(urls) == 5 and all(u.startswith("https://dasbor.dinsos.test/") for u in urls)

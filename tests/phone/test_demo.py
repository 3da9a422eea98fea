"""The demonstration mode (DATA CONTOH series and the synthetic roster) on a phone, by taps alone:
Beranda -> a kabupaten's profile -> one of its kecamatan -> a named volunteer there. And the pages
that only the demonstration fills (kecamatan maps, the roster) pass the clipping check, sampled."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from dashboard.data import reference
from dashboard.text.i18n import t
from tests.phone.pagetools import ERRORS, SIZES, clipping, map_frame, press_inside, screenshot, wait_idle

pytestmark = pytest.mark.browser
KEC_SERIES = "penerima:JSLU:orang~contoh"


@pytest.fixture()
def phone(browser):
    ctx = browser.new_context(**SIZES["phone"])
    yield ctx.new_page()
    ctx.close()


def _fits(page, name: str) -> None:
    shot = screenshot(page, name)
    assert page.locator(ERRORS).count() == 0, page.locator(ERRORS).first.inner_text()
    problems = clipping(page)
    assert problems == [], f"{shot.name}: " + "\n".join(problems)


def test_from_beranda_to_a_named_volunteer_in_a_kecamatan_by_taps(demo_app, phone):
    page = phone
    page.goto(demo_app + "/", wait_until="domcontentloaded")
    wait_idle(page)
    # 1. Tap Kab. Lebak on the map: its profile, every number on a card inside the screen's width.
    frame = map_frame(page)
    press_inside(page, "phone", frame.locator("a[data-kode='3602'] path"), page.locator("iframe[src*='/component/']").first)
    page.wait_for_url("**/wilayah?**", timeout=30_000)
    wait_idle(page)
    assert page.locator("h1").first.inner_text().strip() == "Kab. Lebak"
    values = page.locator(".kpi .v")
    assert values.count() >= 10
    for i in range(values.count()):
        box = values.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, values.nth(i).inner_text()
    psks_cards = page.locator(".kpi", has_text="PSKS")
    assert psks_cards.count() >= 1  # "how many PSKS in my kabupaten" is on the profile
    _fits(page, "journey-1-profile-lebak")
    # 2. Tap a kecamatan on the kecamatan map: its figures appear under the map.
    component = page.locator("iframe[src*='/component/']").last
    kec_frame = page.frame_locator("iframe[src*='/component/']").last.frame_locator("iframe.kec")
    shapes = kec_frame.locator("path.leaflet-interactive")
    shapes.nth(0).wait_for(timeout=45_000)
    page.wait_for_timeout(800)  # Leaflet's first fit
    element = component.element_handle().content_frame().locator("iframe.kec")
    press_inside(page, "phone", shapes.nth(4), element)
    page.wait_for_url(re.compile(r".*[?&]kec=3602\d{3}"), timeout=30_000)
    wait_idle(page)
    kec = parse_qs(urlparse(page.url).query)["kec"][0]
    name = reference.kecamatan().set_index("kode_bps").at[kec, "nama"]
    panel = page.locator(f".st-key-kec-panel-{kec}")
    assert name in panel.locator("h3").inner_text()
    assert panel.locator(".kpi .v").count() >= 1
    _fits(page, "journey-2-kecamatan")
    # 3. Tap "N relawan dan lembaga PSKS di kecamatan ini": the roster of that kecamatan, as cards.
    panel.locator("a", has_text=re.compile("relawan")).tap()
    page.wait_for_url("**/psks?**", timeout=30_000)
    wait_idle(page)
    query = parse_qs(urlparse(page.url).query)
    assert query["kec"] == [kec] and query["kab"] == ["3602"]
    cards = page.locator(".roster-card")
    assert cards.count() >= 1
    named = cards.filter(has_not_text=t("psks.name_withheld", "id")).first
    assert name in named.inner_text()
    box = named.locator(".rc-name").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    _fits(page, "journey-3-roster")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_roster_search_finds_a_kecamatan_typed_on_a_phone(demo_app, phone, lang):
    page = phone
    page.goto(demo_app + "/psks" + ("?lang=en" if lang == "en" else ""), wait_until="domcontentloaded")
    wait_idle(page)
    field = page.locator(".st-key-psks-cari input")
    field.tap()
    field.fill("cihara")
    field.press("Enter")
    page.wait_for_url(re.compile(r".*[?&]cari=cihara"), timeout=30_000)
    wait_idle(page)
    cards = page.locator(".roster-card")
    assert cards.count() >= 1
    texts = cards.all_inner_texts()
    assert all("Cihara" in text for text in texts), [x for x in texts if "Cihara" not in x][:2]
    _fits(page, f"roster-search-{lang}")


SAMPLED = [  # (page, lang, size): the pages the demonstration fills, both sizes and languages covered
    (f"peta?seri={KEC_SERIES}&tingkat=kecamatan", "id", "phone"),
    (f"peta?seri={KEC_SERIES}&tingkat=kecamatan&kab=3673", "en", "desktop"),
    ("wilayah?kode=3602", "en", "phone"),
    ("wilayah?kode=3674", "id", "desktop"),
    ("psks", "en", "phone"),
    ("psks", "id", "desktop"),
    ("tren?seri=penerima:JSLU:orang~contoh", "en", "phone"),
    ("beranda", "en", "desktop"),
    ("cari", "id", "phone"),
    ("metodologi", "en", "phone"),
]


@pytest.mark.parametrize(("path", "lang", "size"), SAMPLED)
def test_demonstration_pages_clip_nothing(demo_app, browser, path, lang, size):
    ctx = browser.new_context(**SIZES[size])
    try:
        page = ctx.new_page()
        address = "" if path == "beranda" else path
        page.goto(f"{demo_app}/{address}" + ("&" if "?" in path else "?") + f"lang={lang}", wait_until="domcontentloaded")
        wait_idle(page)
        assert page.locator(".demo-banner").count() == 1
        slug = re.sub(r"[^a-z0-9]+", "-", path)[:60]
        _fits(page, f"contoh-{slug}-{lang}-{size}")
    finally:
        ctx.close()

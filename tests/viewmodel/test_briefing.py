"""Layar Briefing: slide content (small inline frames and the real default release), the HTML
document (status and date on every slide, type sizes, escaping, no external requests), QR codes
that decode to the right address, and URL parameter validation."""

from __future__ import annotations

import json
import re
from html import unescape

import numpy as np
import pandas as pd
import pytest
import qrcode

from dashboard.briefing import deck as briefing_html
from dashboard.data import build, reference, release
from dashboard.logic.series import SeriesKey
from dashboard.settings import geo_dir
from dashboard.viewmodel import briefing, briefing_slides
from dashboard.viewmodel.briefing import Params, Slide
from tests.foundation.statframe import stat_frame

BASE = "http://dasbor.test:8501"
DATA_PER = "5 Maret 2026"
KAB = list(reference.kabkota()["kode_bps"])
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'


# ---------- fixtures ----------

@pytest.fixture(scope="module")
def default_stats(tmp_path_factory) -> pd.DataFrame:
    root = tmp_path_factory.mktemp("briefing-release")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_RELEASES_DIR", str(root))
        build.init_release()
    return release.load_newest_good(root).release.statistics


@pytest.fixture(scope="module")
def layer() -> dict | None:
    path = geo_dir() / "display" / "kabkota.geojson"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


@pytest.fixture(scope="module")
def default_deck(default_stats, layer) -> tuple[list[Slide], str]:
    """The default slide set of the default release, built once for the tests that only read it."""
    return deck(default_stats, layer)


def small_stats() -> pd.DataFrame:
    """UEP for the province in 2023 (resmi), 2024 and 2025 (contoh); kab/kota in 2025; one PSKS count."""
    rows = [
        {"kode_wilayah": "36", "year": 2023, "value": 100.0, "status": "resmi"},
        {"kode_wilayah": "36", "year": 2024, "value": 120.0, "status": "contoh"},
        {"kode_wilayah": "36", "year": 2025, "value": 130.0, "status": "contoh"},
        {"indicator": "jumlah_psks", "program": "TKSK", "kode_wilayah": "36", "year": 2025, "value": 155.0,
         "unit": "orang", "status": "resmi", "source_title": SCRIPT},
    ]
    rows += [{"kode_wilayah": code, "year": 2025, "value": float(10 * (i + 1)), "status": "contoh"}
             for i, code in enumerate(KAB)]
    return stat_frame(rows)


def deck(stats: pd.DataFrame, layer: dict | None = None, **params: object) -> tuple[list[Slide], str]:
    allowed = briefing.choices(stats)
    chosen = Params(**{"programs": allowed.defaults, **params})
    slides = briefing_slides.build_slides(stats, chosen, allowed, DATA_PER, BASE)
    return slides, briefing_html.document(slides, chosen, layer)


def sections(document: str) -> list[str]:
    return re.findall(r"<section class=\"slide\".*?</section>", document, flags=re.S)


def text_of(fragment: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", fragment))


# ---------- slide content ----------

def test_small_frame_headline_prefers_the_published_series_and_never_mixes():
    slides, _ = deck(small_stats())
    uep = next(r for r in slides[0].rows if r["code"] == "UEP")
    # The published series (2023) leads; the DATA CONTOH series of the same programme is another series.
    assert (uep["value"], uep["year"], uep["status"]) == (100.0, 2023, "resmi")
    assert "2024" not in uep["change"] and "naik" not in uep["change"] and "%" not in uep["change"]


def test_small_frame_contoh_series_compares_within_itself():
    stats = small_stats()
    slides, _ = deck(stats[stats["status"] == "contoh"])
    uep = next(r for r in slides[0].rows if r["code"] == "UEP")
    assert (uep["value"], uep["year"], uep["status"]) == (130.0, 2025, "contoh")
    assert uep["change"] == "naik 8,3% dari 2024"  # 130 vs 120, both in the contoh series


def test_small_frame_map_ranks_every_kabkota():
    slides, _ = deck(small_stats())
    ranking = next(s for s in slides if s.kind == "map")
    assert [r["kode"] for r in ranking.rows] == KAB[::-1]  # values grow with the list order
    assert [r["rank"] for r in ranking.rows] == list(range(1, 9))
    # Only the DATA CONTOH series has kab/kota figures, so the map is that series, named as such.
    assert ranking.public_url == f"{BASE}/peta?seri=penerima:UEP:KPM~contoh&tahun=2025"
    assert ranking.status == "contoh"


def test_small_frame_slide_order_and_kinds():
    slides, _ = deck(small_stats())
    assert [s.kind for s in slides] == ["headline", "map", "trend", "psks", "region"]


def independent_latest(stats: pd.DataFrame, key) -> pd.Series:
    rows = stats[stats["displayed"] & stats["year"].notna() & (stats["indicator"] == key.indicator)
                 & (stats["program"] == key.program) & (stats["unit"] == key.unit) & (stats["period"] == key.period)
                 & (stats["status"] == key.status) & (stats["kode_wilayah"] == "36")]
    return rows.sort_values("year").iloc[-1]


def test_default_release_headlines_equal_pandas(default_stats, default_deck):
    from dashboard.viewmodel import home

    slides, document = default_deck
    rows = slides[0].rows
    cards = home.headline_cards(default_stats, "id")
    assert len(rows) == len(cards) >= 4
    first = text_of(sections(document)[0])
    for row, card in zip(rows, cards, strict=True):
        expected = independent_latest(default_stats, card.key)
        assert (row["value"], row["year"], row["status"]) == (expected["value"], int(expected["year"]), "resmi")
        assert row["big"] in first


def test_default_release_map_values_equal_pandas(default_stats, default_deck):
    slides, _ = default_deck
    ranking = next(s for s in slides if s.kind == "map")
    key = briefing.choices(default_stats).programs[ranking.extra["program"]]
    data = default_stats[default_stats["displayed"] & (default_stats["indicator"] == key.indicator)
                         & (default_stats["program"] == key.program) & (default_stats["unit"] == key.unit)
                         & (default_stats["period"] == key.period) & default_stats["kode_wilayah"].isin(KAB)]
    year = int(data["year"].max())
    expected = data[data["year"] == year].set_index("kode_wilayah")["value"]
    assert ranking.extra["year"] == year
    shown = {r["kode"]: r["value"] for r in ranking.rows if r["value"] == r["value"]}
    assert shown == pytest.approx(expected.to_dict())


def test_default_release_psks_counts_equal_pandas(default_stats, default_deck):
    slides, _ = default_deck
    psks = next(s for s in slides if s.kind == "psks")
    data = default_stats[default_stats["displayed"] & (default_stats["indicator"] == "jumlah_psks")
                         & (default_stats["kode_wilayah"] == "36")]
    year = int(data["year"].max())
    people = set(reference.programs().query("jenis == 'psks' and satuan == 'orang'")["kode"])
    expected = data[(data["year"] == year) & data["program"].isin(people)].set_index("program")["value"]
    assert psks.extra["year"] == year
    assert {r["code"]: r["value"] for r in psks.rows} == expected.to_dict()
    if year < 2018:
        assert str(year) in psks.subtitle and "riwayat" in psks.subtitle


# ---------- the document ----------

@pytest.mark.parametrize("tema", briefing.THEMES)
def test_every_slide_has_date_status_and_qr(default_stats, default_deck, layer, tema):
    slides, document = default_deck if tema == "terang" else deck(default_stats, layer, tema=tema)
    parts = sections(document)
    assert len(parts) == len(slides) == 1 + 2 * 3 + 2
    for slide, part in zip(slides, parts, strict=True):
        text = text_of(part)
        assert f"Data per {DATA_PER}" in text
        assert slide.status in ("resmi", "contoh", "campuran")
        assert f'class="badge badge-{slide.status}"' in part
        if slide.status in ("contoh", "campuran"):
            assert "DATA CONTOH" in text
        assert part.count("<svg role=\"img\" aria-label=\"QR:") == 1


def test_contoh_cards_say_data_contoh(default_deck):
    _, document = default_deck
    cards = re.findall(r'<div class="card st-(\w+)">(.*?)</div><span class="badge[^>]*>([^<]*)</span>', document)
    assert cards
    for status, _, badge in cards:
        assert badge == ("DATA CONTOH" if status == "contoh" else "RESMI")


def css_rules(document: str) -> dict[str, str]:
    css = re.search(r"<style>(.*?)</style>", document, flags=re.S).group(1)
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return {sel.strip(): body for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)}


def font_px(body: str) -> int | None:
    match = re.search(r"font-size:\s*(\d+)px", body)
    return int(match.group(1)) if match else None


def test_type_is_readable_from_five_metres(default_deck):
    _, document = default_deck
    rules = css_rules(document)
    sizes = {sel: font_px(body) for sel, body in rules.items() if "font-size" in body}
    assert re.search(r'#deck \{[^}]*width: 1920px; height: 1080px', document)  # sizes are at the 1920 layout
    assert sizes["body"] >= 28
    assert all(size is not None and size >= 28 for size in sizes.values()), sizes
    for headline in (".card .big", ".tile .big"):
        assert sizes[headline] >= 64
    outside_css = re.sub(r"<style>.*?</style>", "", document, flags=re.S)
    assert "font-size" not in outside_css  # no inline size can undercut the sheet


def contrast(a: str, b: str) -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted([luminance(a), luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("tema", briefing.THEMES)
def test_theme_contrast(tema):
    c = briefing_html.THEMES[tema]
    for ink in ("ink", "muted"):
        for ground in ("bg", "panel"):
            assert contrast(c[ink], c[ground]) >= 7, (ink, ground)
    assert contrast(c["resmi-ink"], c["resmi-bg"]) >= 4.5
    assert contrast(c["contoh-ink"], c["contoh-bg"]) >= 4.5
    assert contrast(c["accent"], c["bg"]) >= 4.5


def test_document_makes_no_request(default_deck):
    _, document = default_deck
    assert not re.search(r"<(link|img|iframe|object|embed)\b", document)
    assert not re.search(r"\ssrc=", document)
    assert "@import" not in document and "url(" not in document
    assert set(re.findall(r'href="([^"]*)"', document)) <= {f"#kab-{c}" for c in KAB}
    assert "fetch(" not in document and "XMLHttpRequest" not in document


def test_rotation_script_does_not_accumulate():
    script = briefing_html.asset("deck.js")
    assert script.count("setInterval(") == 1 and "setTimeout(" not in script
    for grows in ("createElement", "appendChild", "innerHTML", "insertAdjacent", "pushState", "cloneNode"):
        assert grows not in script


# ---------- escaping ----------

def hostile_slides() -> list[Slide]:
    name = f"Kab. {SCRIPT}{IMG}"
    return [
        Slide("headline", name, name, "contoh", f"{BASE}/?x={SCRIPT}", name,
              [{"code": "X", "label": name, "name": name, "value": 1.0, "big": name, "unit": name, "year": 2025,
                "status": "contoh", "change": name}], {"data_per": name}),
        Slide("map", name, name, "campuran", BASE, name,
              [{"kode": "3601", "nama": name, "value": 5.0, "text": name, "rank": 1, "status": "contoh",
                "color": IMG}], {"legend": [(name, IMG)], "data_per": name}),
        Slide("trend", name, name, "resmi", BASE, name,
              [{"kode": "3601", "nama": name, "points": [{"year": 2024, "value": 1.0, "status": "resmi"}],
                "last": name, "short": name, "change": name}],
              {"province": [{"year": 2024, "value": 1.0, "status": "resmi"}], "data_per": name}),
        Slide("psks", name, name, "resmi", BASE, name,
              [{"code": "X", "name": name, "abbr": name, "value": 1.0, "text": name, "unit": name, "status": "resmi"}],
              {"other": [{"code": "Y", "name": name, "abbr": name, "value": 1.0, "text": name, "unit": name,
                          "status": "resmi"}], "data_per": name}),
        Slide("region", name, name, "resmi", BASE, name,
              [{"code": "X", "abbr": name, "name": name, "value": 1.0, "year": 2025, "text": name, "rank": 1,
                "rank_text": name, "status": "resmi"}], {"data_per": name}),
    ]


@pytest.mark.parametrize("tema", briefing.THEMES)
def test_names_from_data_are_escaped(layer, tema):
    document = briefing_html.document(hostile_slides(), Params(tema=tema), layer)
    assert "<script>window" not in document and "<img" not in document
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in document
    assert document.count("<script>") == 1  # the rotation script only


def test_source_titles_from_data_are_escaped():
    _, document = deck(small_stats())
    assert "<script>window" not in document
    assert "&lt;script&gt;window.__pwned=1" in document


# ---------- QR codes ----------

def qr_matrix(svg: str) -> np.ndarray:
    """The modules the SVG draws (``M x,y H .. V .. H .. z`` squares of one unit)."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    grid = np.zeros((size, size), dtype=bool)
    for x, y in re.findall(r"M(\d+),(\d+)H", svg):
        grid[int(y), int(x)] = True
    return grid


def test_qr_codes_open_the_same_figures(default_stats, default_deck):
    slides, document = default_deck
    svgs = re.findall(r'<div class="qr">(<svg.*?</svg>)</div>', document, flags=re.S)
    assert len(svgs) == len(slides)
    key = briefing.choices(default_stats).programs[slides[1].extra["program"]]
    expected_map = f"{BASE}/peta?seri={key.code}&tahun={slides[1].extra['year']}"
    assert slides[1].public_url == expected_map
    for slide, svg in zip(slides, svgs, strict=True):
        reference_code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
        reference_code.add_data(slide.public_url)
        assert np.array_equal(qr_matrix(svg), np.array(reference_code.get_matrix())), slide.public_url


def test_qr_codes_decode(default_deck):
    """Decoded by an independent reader (zxing-cpp) when it is installed."""
    zxingcpp = pytest.importorskip("zxingcpp", reason="no QR decoder installed (pip install zxing-cpp)")
    slides, document = default_deck
    svgs = re.findall(r'<div class="qr">(<svg.*?</svg>)</div>', document, flags=re.S)
    for slide, svg in zip(slides, svgs, strict=True):
        image = np.kron(~qr_matrix(svg), np.ones((8, 8), dtype=bool)).astype(np.uint8) * 255
        image = np.pad(image, 32, constant_values=255)
        assert [r.text for r in zxingcpp.read_barcodes(image)] == [slide.public_url]


def test_qr_follows_language_and_region(default_stats):
    slides, _ = deck(default_stats, lang="en", kode="3674")
    assert slides[-1].public_url == f"{BASE}/wilayah?kode=3674&lang=en"
    assert slides[-1].title == "Programmes in Kota Tangerang Selatan"


# ---------- URL parameters ----------

ALLOWED = briefing.Choices({c: SeriesKey("penerima", c, "KPM") for c in ("UEP", "JSK", "JSLU", "P2K2")},
                           tuple(KAB), (2023, 2024, 2025), ("UEP", "JSK", "JSLU"))


@pytest.mark.parametrize(
    ("query", "field", "expected", "rejected"),
    [
        ({}, "detik", 20, []),
        ({"detik": "5"}, "detik", 5, []),
        ({"detik": "300"}, "detik", 300, []),
        ({"detik": "4"}, "detik", 20, ["detik"]),
        ({"detik": "301"}, "detik", 20, ["detik"]),
        ({"detik": "-10"}, "detik", 20, ["detik"]),
        ({"detik": "abc"}, "detik", 20, ["detik"]),
        ({"detik": "1e3"}, "detik", 20, ["detik"]),
        ({"program": "JSK"}, "programs", ("JSK",), []),
        ({"program": "jsk, p2k2"}, "programs", ("JSK", "P2K2"), []),
        ({"program": "UEP,NOPE"}, "programs", ("UEP",), ["program"]),
        ({"program": "NOPE"}, "programs", ("UEP", "JSK", "JSLU"), ["program"]),
        ({"program": ","}, "programs", ("UEP", "JSK", "JSLU"), ["program"]),
        ({"program": "UEP," * 100}, "programs", ("UEP",), ["program"]),
        ({"program": SCRIPT}, "programs", ("UEP", "JSK", "JSLU"), ["program"]),
        ({"kode": "3674"}, "kode", "3674", []),
        ({"kode": "36"}, "kode", "3601", ["kode"]),
        ({"tahun": "2024"}, "tahun", 2024, []),
        ({"tahun": "1990"}, "tahun", None, ["tahun"]),
        ({"tema": "gelap"}, "tema", "gelap", []),
        ({"tema": "merah"}, "tema", "terang", ["tema"]),
        ({"lang": "en"}, "lang", "en", []),
        ({"lang": "fr"}, "lang", "id", ["lang"]),
        ({"detik": ["9", "10"]}, "detik", 10, []),
    ],
)
def test_params_fall_back_to_defaults(query, field, expected, rejected):
    params, bad = briefing.parse_params(query, ALLOWED)
    assert getattr(params, field) == expected
    assert bad == rejected


def test_choices_from_the_default_release(default_stats):
    allowed = briefing.choices(default_stats)
    programmes = set(reference.programs().query("jenis == 'program'")["kode"])
    kab = default_stats[default_stats["displayed"] & default_stats["year"].notna()
                        & default_stats["kode_wilayah"].isin(KAB) & default_stats["program"].isin(programmes)
                        & default_stats["indicator"].isin(briefing.PROGRAM_INDICATORS)]
    assert set(allowed.programs) == set(kab["program"])
    assert set(allowed.defaults) <= set(allowed.programs) and 1 <= len(allowed.defaults) <= 3
    assert all(k.status == "resmi" for k in allowed.programs.values())
    assert allowed.regions == tuple(KAB)
    assert max(allowed.years) == int(default_stats["year"].max())


@pytest.mark.parametrize("tahun", [None, 2016])
def test_every_programme_builds_a_slide_set(default_stats, layer, tahun):
    """Programmes with one year, no province figure or no kab/kota figure in a year still give slides."""
    allowed = briefing.choices(default_stats)
    codes = sorted(allowed.programs)
    for start in range(0, len(codes), briefing.MAX_PROGRAMS):
        chosen = Params(programs=tuple(codes[start:start + briefing.MAX_PROGRAMS]), tahun=tahun)
        slides = briefing_slides.build_slides(default_stats, chosen, allowed, DATA_PER, BASE)
        parts = sections(briefing_html.document(slides, chosen, layer))
        assert len(parts) == len(slides) <= 3 + 2 * len(chosen.programs)
        assert all(f"Data per {DATA_PER}" in text_of(p) for p in parts)
        assert all(s.status in ("resmi", "contoh", "campuran") for s in slides)
        if tahun is None:  # every programme has figures in some year: all its slides are there
            assert len(slides) == 3 + 2 * len(chosen.programs)


def test_slides_without_figures_are_left_out():
    slides, _ = deck(small_stats(), tahun=2023)  # the UEP series on the map has no figure before 2025
    assert [s.kind for s in slides] == ["headline"]
    empty = stat_frame([{"indicator": "luas_wilayah", "program": "", "unit": "km2"}])
    allowed = briefing.Choices({}, tuple(KAB), (2022,))
    only = briefing_slides.build_slides(empty, Params(programs=()), allowed, DATA_PER, BASE)
    assert [s.kind for s in only] == ["headline"]
    assert "Tidak ada data" in briefing_html.document(only, Params(programs=()), None)


@pytest.mark.parametrize(
    ("years", "lines"),
    [([2020], 1), ([2020, 2021, 2022], 1), ([2015, 2017, 2018], 2), ([2015, 2017, 2019], 3)],
)
def test_missing_years_break_the_lines(years, lines):
    from dashboard.briefing import svg as briefing_svg

    points = [{"year": y, "value": 10.0 * (i + 1), "status": "resmi"} for i, y in enumerate(years)]
    chart = briefing_svg.line_chart(points, 900, 630, "id", "uji")
    spark = briefing_svg.sparkline(points, 410, 64, years[0], years[-1])
    assert chart.count("<polyline") == spark.count("<polyline") == lines
    assert chart.count("<circle") == spark.count("<circle") == len(years)

"""The kecamatan choropleth, tested through the HTML page it renders (what the browser gets)."""

from __future__ import annotations

import hashlib
import html
import json
import re
from html.parser import HTMLParser

import folium
import pandas as pd
import pytest

from dashboard import settings as paths
from dashboard.logic import maps
from tests import offline_check as offline

STATIC = paths.REPO_ROOT / "dashboard" / "static"
BINS, COLORS = [10.0, 20.0, 30.0], ["#edf8b1", "#7fcdbb", "#2c7fb8"]
CLASSES = {"bins": BINS, "colors": COLORS, "labels": ["≤ 10", "10 – 20", "20 – 30"]}
META = {"title": "Penerima UEP", "unit": "orang", "period": "2024", "source": "Dinsos Banten", "status": "contoh"}
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "${alert(1)}",
    "`;alert(1);`",
    "javascript:alert(1)",
    "</script><script>alert(1)</script>",
    "{{'alert'}}",
    "{{ 7*7 }}",  # folium re-renders its output as Jinja2: this would print 49 ...
    "{{ lipsum.__globals__.os.getpid() }}",  # ... and this would run Python on the server
    "{% if true %}x{% endif %}",
]


@pytest.fixture(scope="module")
def layer() -> dict:
    # the committed layer (geo/): a missing file is a failure, not a skip
    return json.loads((paths.geo_dir() / "display" / "kecamatan.geojson").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def codes(layer) -> list[str]:
    return [f["properties"]["kode"] for f in layer["features"]]


def _frame(codes: list[str], values: list[float | None], **columns) -> pd.DataFrame:
    return pd.DataFrame({"kode_wilayah": codes[: len(values)], "value": values, **columns})


def _page(frame, layer, classes=CLASSES, meta=META, lang="id") -> str:
    return maps.map_html(maps.kecamatan_map(frame, layer, classes, meta, lang=lang))


def _features(page: str) -> list[dict]:
    """The FeatureCollection embedded in the page, decoded as the browser will see it."""
    start = re.search(r"geo_json_\w+_add\((?=\{)", page).end()
    return json.JSONDecoder().raw_decode(page[start:])[0]["features"]


def _fills(page: str) -> dict[str, str]:
    """Fill colour per feature id from the style switch folium writes; ``default`` for the rest."""
    fills = {}
    for cases, style in re.findall(r"((?:case \"\d+\": )+)\s*return (\{[^}]*\});", page):
        for code in re.findall(r"\"(\d+)\"", cases):
            fills[code] = json.loads(style)["fillColor"]
    fills["default"] = json.loads(re.search(r"default:\s*return (\{[^}]*\});", page).group(1))["fillColor"]
    return fills


def _js_strings(page: str, call: str) -> list[str]:
    """Decoded string arguments written after ``call`` (e.g. ``div.innerHTML = ``)."""
    return [json.loads(m) for m in re.findall(re.escape(call) + r'("(?:[^"\\]|\\.)*")', page)]


class _Markup(HTMLParser):
    """Tags, attributes and text of an HTML fragment."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text = [], [], []
        self.feed(fragment)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def test_one_feature_per_kecamatan(layer, codes):
    features = _features(_page(_frame(codes, [5.0]), layer))
    assert [f["id"] for f in features] == codes
    assert len(features) == len(layer["features"]) >= 150


@pytest.mark.parametrize(
    ("value", "expected"),
    [(5.0, COLORS[0]), (10.0, COLORS[0]), (10.5, COLORS[1]), (20.0, COLORS[1]), (29.9, COLORS[2]),
     (30.0, COLORS[2]), (99.0, COLORS[2]), (float("nan"), "#bdbdbd")],
)
def test_fill_colour_per_class(layer, codes, value, expected):
    page = _page(_frame(codes, [value, 15.0]), layer)
    fills = _fills(page)
    assert fills.get(codes[0], fills["default"]) == expected
    assert fills.get(codes[1], fills["default"]) == COLORS[1]
    assert fills.get(codes[-1], fills["default"]) == "#bdbdbd"  # no row at all


def test_hover_shows_name_formatted_value_rate_and_status(layer, codes):
    frame = _frame(codes, [1234567.0, None], rate=[12.345, None], status=["contoh", "resmi"])
    hover = {f["id"]: f["properties"]["hover"] for f in _features(_page(frame, layer))}
    first = " ".join(_Markup(hover[codes[0]]).text)
    assert layer["features"][0]["properties"]["nama"] in first
    assert "1.234.567 orang" in first
    assert "12,3 per 1.000 penduduk" in first
    assert "DATA CONTOH" in first
    assert "tidak ada data" in " ".join(_Markup(hover[codes[1]]).text)
    assert "no data" in " ".join(_Markup(_features(_page(frame, layer, lang="en"))[1]["properties"]["hover"]).text)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injected_text_is_inert(layer, codes, payload):
    frame = _frame(codes, [15.0], name=[payload])
    meta = {**META, "title": payload, "source": payload, "unit": payload, "period": payload}
    classes = {**CLASSES, "labels": [payload] * 3}
    page = _page(frame, layer, classes, meta)
    if any(ch in payload for ch in "<>$`'"):
        assert payload not in page
    assert re.findall(r"\$\{(?!handleObject\()", page) == []  # folium's tooltip template has the only one
    assert not re.search(r"\{\{\s*'", page)  # a {{'name'}} would be a Jinja/JS reference in the page
    assert not re.search(r"(?:src|href)\s*=\s*\\?[\"']?\s*javascript:", page, re.IGNORECASE)
    fragments = [f["properties"]["hover"] for f in _features(page)[:1]]
    fragments += _js_strings(page, "div.innerHTML = ") + _js_strings(page, "addAttribution(")
    assert len(fragments) == 3
    for fragment in fragments:
        markup = _Markup(fragment)
        assert set(markup.tags) <= {"b", "br", "div", "i", "a", "summary"}
        assert all(not name.startswith("on") for name, _ in markup.attrs)
        assert [v for name, v in markup.attrs if name == "href"] in ([], [maps.LICENCE_URL])
        assert payload in "".join(markup.text)  # shown to the visitor as text


@pytest.mark.parametrize(("statuses", "contoh_shown"), [(["resmi", "resmi"], False), (["resmi", "contoh"], True),
                                                         (["contoh", "contoh"], True)])
def test_attribution_credits_boundaries_and_flags_contoh(layer, codes, statuses, contoh_shown):
    page = _page(_frame(codes, [1.0, 2.0], status=statuses), layer, meta={**META, "status": statuses[0]})
    (attribution,) = _js_strings(page, "addAttribution(")
    text = "".join(_Markup(attribution).text)
    assert "Batas administrasi: BPS – OCHA ROAP, COD-AB edisi BPS 2020, CC BY 3.0 IGO; disederhanakan" in text
    assert ("DATA CONTOH" in text) is contoh_shown
    (legend,) = _js_strings(page, "div.innerHTML = ")
    assert ("DATA CONTOH" in "".join(_Markup(legend).text)) is contoh_shown
    assert "#bdbdbd" in legend and all(color in legend for color in COLORS)


def test_map_needs_no_internet_and_does_not_trap_scrolling(layer, codes):
    page = _page(_frame(codes, [5.0]), layer)
    assert offline.offline_html_check(page) == []
    assert "L.tileLayer" not in page and "d3" not in page
    assert '"scrollWheelZoom": false' in page
    assert '"dragging": !L.Browser.mobile' in page
    assert "fitBounds(" in page


def test_offline_check_reports_folium_defaults():
    default = folium.Map().get_root().render()
    found = offline.offline_html_check(default)
    for _, url in folium.Map.default_js + folium.Map.default_css:
        assert url in found
    assert any("openstreetmap" in url for url in found)  # the tile template inside the script


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ('<script src="https://cdn.example/a.js"></script>', ["https://cdn.example/a.js"]),
        ('<link rel="stylesheet" href="//cdn.example/a.css">', ["//cdn.example/a.css"]),
        ('<img src="http://x.example/y.png">', ["http://x.example/y.png"]),
        ('<style>@import url("https://f.example/a.css");</style>', ["https://f.example/a.css"]),
        ('<div style="background:url(https://i.example/b.png)"></div>', ["https://i.example/b.png"]),
        ('<script>L.tileLayer("https://t.example/{z}/{x}/{y}.png")</script>', ["https://t.example/{z}/{x}/{y}.png"]),
        ('<script>a.addAttribution("\\u003ca href=\\"https://c.example/l\\"\\u003eL\\u003c/a\\u003e")</script>', []),
        ('<a href="https://c.example/licence">licence</a>', []),
        ('<script src="/app/static/vendor/leaflet.js"></script>', []),
        ('<script src="https://dasbor.example/app/static/x.js"></script>', []),
    ],
)
def test_offline_check_on_snippets(snippet, expected):
    assert offline.offline_html_check(snippet, origin="https://dasbor.example") == expected


def test_vendored_files_match_recorded_checksums():
    block = (STATIC / "vendor" / "VENDOR.md").read_text(encoding="utf-8").split("## sha256")[1]
    recorded = dict(reversed(line.split()) for line in block.splitlines() if re.match(r"[0-9a-f]{64}\s", line))
    vendored = {p.relative_to(STATIC / "vendor").as_posix() for p in (STATIC / "vendor").rglob("*") if p.is_file()}
    assert set(recorded) == vendored - {"VENDOR.md"}
    for name, digest in recorded.items():
        assert hashlib.sha256((STATIC / "vendor" / name).read_bytes()).hexdigest() == digest


def test_same_inputs_render_the_same_page(layer, codes):
    frame = _frame(codes, [5.0, 25.0])
    assert _page(frame, layer) == _page(frame, layer)


@pytest.mark.parametrize(
    ("frame_codes", "classes", "message"),
    [
        (["3601010", "3601010"], CLASSES, "duplicate"),
        (["3699999"], CLASSES, "not in the boundary layer"),
        (["36010{{"], CLASSES, "7 digits"),
        (["3601010"], {**CLASSES, "colors": ["red", "#7fcdbb", "#2c7fb8"]}, "colour"),
        (["3601010"], {**CLASSES, "colors": COLORS[:2]}, "colour"),
        (["3601010"], {**CLASSES, "colors": ["#BDBDBD", "#7fcdbb", "#2c7fb8"]}, "reserved"),
    ],
)
def test_bad_input_is_refused(layer, frame_codes, classes, message):
    frame = pd.DataFrame({"kode_wilayah": frame_codes, "value": [1.0] * len(frame_codes)})
    with pytest.raises(ValueError, match=message):
        maps.kecamatan_map(frame, layer, classes, META)


def test_escape_text_leaves_nothing_active():
    assert maps.escape_text("<a href='x'>${y}`") == "&lt;a href=&#x27;x&#x27;&gt;&#36;&#123;y&#125;&#96;"
    for text in PAYLOADS:
        assert html.unescape(maps.escape_text(text)) == text
        assert not set(maps.escape_text(text)) & set("<>\"'`${}")


"""The light edition: well-formed, self-contained, small pages whose numbers equal the release's.

Expected numbers are computed here with plain pandas from the release table, never with the
site's own helpers; pages are read back as a visitor's browser would get them.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image

from dashboard.logic.figtext import value_text
from dashboard.site import svgmap
from dashboard.viewmodel import home
from tests.foundation.statframe import stat_frame
from tests.site.pagecheck import EXTERNAL, URL_ATTRIBUTES, balanced, number_shown, strict_tree, text_of
from tests.site.sitedata import BASE_URL, CANARIES, INJECTED_REGION, PAYLOAD

KABKOTA = ["3601", "3602", "3603", "3604", "3671", "3672", "3673", "3674"]
MAX_GZIP = 100 * 1024
#: The landing page's headline series, as the brief for the page lists them.
HEADLINES = [("penerima", "UEP"), ("penerima", "JSK"), ("penerima", "JSLU"), ("jumlah_psks", "TKSK"),
             ("jumlah_psks", "TAGANA"), ("jumlah_psks", "PSM"), ("penduduk_miskin", "")]


@pytest.fixture(scope="module")
def pages(site) -> dict[str, str]:
    """Every HTML page of the built site, by path relative to the site root."""
    return {p.relative_to(site.root).as_posix(): p.read_text(encoding="utf-8") for p in site.root.rglob("*.html")}


@pytest.fixture(scope="module")
def shown(site) -> pd.DataFrame:
    stats = site.release.statistics
    return stats[stats["displayed"] & stats["year"].notna()]


def test_one_page_per_region_and_per_displayed_figure(site, pages, shown):
    cards = shown[shown["kode_wilayah"].str.len() <= 4]
    expected = {"index.html"} | {f"wilayah/{c}.html" for c in KABKOTA} | {f"angka/{f}.html" for f in cards["fig_id"]}
    assert set(pages) == expected


def test_every_page_is_balanced_html5_in_indonesian_with_og_tags(pages):
    for rel, text in pages.items():
        page = balanced(text)
        assert page.doctype.lower() == "doctype html", rel
        assert not page.errors, (rel, page.errors[:3])
        html_tag = [a for t, a in page.tags if t == "html"]
        assert html_tag == [{"lang": "id"}], rel
        assert any(t == "meta" and a.get("name") == "viewport" for t, a in page.tags), rel
        assert [t for t, _ in page.tags].count("style") == 1, rel
        for key in ("og:title", "og:description", "og:image", "og:url", "twitter:card"):
            assert len(page.meta(key)) == 1 and page.meta(key)[0].strip(), (rel, key)
        assert page.meta("og:url") == [BASE_URL + rel], rel
        assert page.meta("og:image")[0].startswith(BASE_URL + "og/"), rel


def test_landing_regions_and_sample_cards_parse_strictly(site, pages):
    cards = sorted(p for p in pages if p.startswith("angka/"))
    chosen = ["index.html", *[f"wilayah/{c}.html" for c in KABKOTA], *cards[::50],
              *[f"angka/{f}.html" for f in site.injected_figures]]
    for rel in chosen:
        strict_tree(pages[rel])  # raises on any HTML5 parse error


def test_no_script_and_nothing_fetched_from_elsewhere(pages):
    for rel, text in pages.items():
        page = balanced(text)
        assert "script" not in {t for t, _ in page.tags}, rel
        for tag, attrs in page.tags:
            assert not any(name.startswith("on") for name in attrs), (rel, tag, attrs)
            for name, value in attrs.items():
                if name in URL_ATTRIBUTES and EXTERNAL.match(value):
                    # A plain link a visitor may follow (a figure's source) is not a resource.
                    assert tag == "a" and name == "href", (rel, tag, name, value)
                if name == "style":
                    assert "url(" not in value, (rel, value)
            if tag == "meta" and EXTERNAL.match(attrs.get("content", "")):
                assert attrs["content"].startswith(BASE_URL), (rel, attrs)
        assert all("url(" not in s and "@import" not in s for s in page.styles), rel


def test_every_page_is_small_gzipped(site, pages):
    sizes = {rel: len(gzip.compress(text.encode("utf-8"))) for rel, text in pages.items()}
    assert max(sizes.values()) <= MAX_GZIP, max(sizes.items(), key=lambda kv: kv[1])
    assert sizes["index.html"] <= 20 * 1024 and all(sizes[f"wilayah/{c}.html"] <= 20 * 1024 for c in KABKOTA)


def test_landing_headlines_are_the_shared_view_model(pages, site):
    """The light landing page renders the same headline cards as Beranda (one view model)."""
    tree = strict_tree(pages["index.html"])
    cards = home.headline_cards(site.release.statistics, "id")
    assert cards and {c.status for c in cards} == {"resmi"}
    for card in cards:
        li = tree.find(f".//li[@id='h-{card.key.code}']")
        assert li is not None, card.key
        assert text_of(li.find(".//a[@class='v']")) == card.value_text
        assert card.change_text("id") in text_of(li)
        assert "DATA CONTOH" not in text_of(li)
    assert len(tree.findall(".//ul[@class='cards']/li")) == len(cards)


def test_featured_map_table_equals_pandas(pages, shown, site):
    tree = strict_tree(pages["index.html"])
    key, year = home.featured_key(site.release.statistics)
    assert f"/peta?seri={key.code}&amp;tahun={year}".replace(" ", "+") in pages["index.html"].replace("%20", "+")
    mine = shown[(shown["indicator"] == key.indicator) & (shown["program"] == key.program) & (shown["unit"] == key.unit)
                 & (shown["period"] == key.period) & (shown["year"] == year)]
    for code in KABKOTA:
        row = tree.find(f".//tr[@id='f-{code}']")
        figure = mine[mine["kode_wilayah"] == code]
        cells = row.findall("td")
        assert len(figure) == 1, code  # the featured map has every kab/kota
        value, tolerance = number_shown(text_of(cells[0]))
        assert abs(value - figure["value"].iloc[0]) <= tolerance * max(1, figure["precision"].fillna(1).iloc[0]), code
        assert "DATA CONTOH" not in text_of(cells[1])


@pytest.mark.parametrize("code", KABKOTA)
def test_region_profile_equals_pandas(code, pages, shown):
    tree = strict_tree(pages[f"wilayah/{code}.html"])
    mine = shown[shown["kode_wilayah"] == code]
    series = mine.groupby(["indicator", "program", "unit", "period", "status"])
    assert len(tree.findall(".//tbody/tr")) == series.ngroups
    for (indicator, program, *_), group in series:
        latest = group.sort_values("year").iloc[-1]
        row = tree.find(f".//tr[@id='r-{indicator}-{program}-{latest['fig_id']}']")
        assert row is not None, (indicator, program)
        (value_cell,) = row.findall("td")
        assert value_text(latest.to_dict()) in text_of(value_cell)
        assert str(int(latest["year"])) in text_of(value_cell)
        assert "DATA CONTOH" not in text_of(value_cell)
        peers = shown[(shown["indicator"] == indicator) & (shown["program"] == program) & (shown["unit"] == latest["unit"])
                      & (shown["period"] == latest["period"]) & (shown["year"] == latest["year"])
                      & (shown["kode_wilayah"].str.len() == 4)]
        if peers["kode_wilayah"].nunique() == 8:
            rank = 1 + int((peers["value"] > latest["value"]).sum())
            assert f"peringkat {rank} dari 8" in text_of(value_cell), (indicator, program)
        else:
            assert "peringkat" not in text_of(value_cell)
    assert f'href="/wilayah?kode={code}"' in pages[f"wilayah/{code}.html"]


def test_demonstration_edition_says_data_contoh_on_every_page(demo_site):
    pages = {p.relative_to(demo_site.root).as_posix(): p.read_text(encoding="utf-8")
             for p in demo_site.root.rglob("*.html")}
    assert pages and all("DATA CONTOH" in text for text in pages.values())


def test_private_roster_fields_never_published(site):
    assert "PSKS-99999" in set(site.release.roster["id_publik"])  # the canary row reached the release
    for path in site.root.rglob("*"):
        if path.suffix in (".html", ".csv", ".json", ".svg", ".txt"):
            data = path.read_text(encoding="utf-8")
            for field, canary in CANARIES.items():
                assert canary not in data, (path, field)


def test_script_payload_from_names_and_sources_is_inert_text(site, pages):
    for rel, text in pages.items():
        assert PAYLOAD not in text, rel
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    expected_in = ["index.html", f"wilayah/{INJECTED_REGION}.html",
                   *[f"angka/{f}.html" for f in site.injected_figures]]
    for rel in expected_in:
        assert escaped in pages[rel], rel  # the payload took the display path, escaped


def test_contoh_cards_say_so_everywhere(pages, shown):
    for fig in shown[shown["kode_wilayah"].str.len() <= 4].itertuples():
        text = pages[f"angka/{fig.fig_id}.html"]
        page = balanced(text)
        contoh = fig.status == "contoh"
        assert page.meta("og:title")[0].startswith("DATA CONTOH, bukan angka resmi") == contoh, fig.fig_id
        cite = re.search(r'<p class="cite">(.*?)</p>', text)[1]
        assert cite.startswith("DATA CONTOH, bukan angka resmi") == contoh, fig.fig_id
        assert f'href="/cari?fig={fig.fig_id}"' in text


def test_previews_are_1200x630_pngs(site, pages):
    images = {balanced(text).meta("og:image")[0] for text in pages.values()}
    assert BASE_URL + "og/index.png" in images
    assert {BASE_URL + f"og/wilayah/{c}.png" for c in KABKOTA} <= images
    for url in images:
        with Image.open(site.root / url.removeprefix(BASE_URL)) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630)), url


def test_map_is_inline_svg_with_title_and_links(site, pages):
    if site.geo is None:
        pytest.skip("no boundary layer available")
    svg_ns = "{http://www.w3.org/2000/svg}"  # html5lib keeps inline SVG in its own namespace
    tree = strict_tree(pages["index.html"])
    svg = tree.find(f".//{svg_ns}svg")
    assert svg.get("role") == "img"
    assert svg.find(f"{svg_ns}title") is not None and svg.find(f"{svg_ns}desc") is not None
    paths = svg.findall(f".//{svg_ns}path")
    assert len(paths) == 8 and all(p.find(f"{svg_ns}title") is not None for p in paths)
    links = {a.get("href") for a in svg.findall(f"{svg_ns}a")}
    assert links == {f"wilayah/{c}.html" for c in KABKOTA}
    region = strict_tree(pages[f"wilayah/{INJECTED_REGION}.html"]).find(f".//{svg_ns}svg")
    assert len(region.findall(f".//{svg_ns}path[@class='hl']")) == 1


def test_projection_keeps_shape_at_banten_latitude():
    # A 1° x 1° square centred on 6°S: east-west shrinks by cos(6°) relative to north-south.
    square = [[[105.0, -6.5], [106.0, -6.5], [106.0, -5.5], [105.0, -5.5], [105.0, -6.5]]]
    speck = [[[105.5, -6.0], [105.5001, -6.0], [105.5001, -6.0001], [105.5, -6.0]]]
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"kode_bps": "3601"},
         "geometry": {"type": "MultiPolygon", "coordinates": [square, speck]}}]}
    basemap = svgmap.project(collection, width=600)
    ring = basemap.regions["3601"].rings
    assert len(ring) == 1  # the speck is dropped
    xs, ys = [p[0] for p in ring[0]], [p[1] for p in ring[0]]
    assert (max(xs) - min(xs)) / (max(ys) - min(ys)) == pytest.approx(0.99452, abs=0.004)
    assert min(ys) == 2 and max(ys) == basemap.height - 2  # north is up, 2-unit margin
    assert svgmap.path_data(ring).startswith("M") and "." not in svgmap.path_data(ring)


def test_cli_small_release_without_boundaries_writes_kecamatan_cards(hostile_release, tmp_path, monkeypatch):
    from dashboard.data import release
    from dashboard.site.__main__ import main

    rel, _ = hostile_release
    stats = rel.statistics
    uep = stats[(stats["program"] == "UEP") & stats["displayed"] & stats["year"].notna()]
    kecamatan = stat_frame([{"kode_wilayah": code, "year": 2024, "value": 10.0} for code in ("3601010", "3601020",
                                                                                             "3601030")])
    small = pd.concat([uep[uep["kode_wilayah"].str.len() <= 4], kecamatan], ignore_index=True)
    monkeypatch.setenv("DASHBOARD_RELEASES_DIR", str(tmp_path / "releases"))
    monkeypatch.setenv("DASHBOARD_GEO_DIR", str(tmp_path / "no-geo"))
    release.publish(small, rel.roster, note="uji kecil")
    out = tmp_path / "site"
    # Defaults come from the same variables the publish step reads.
    monkeypatch.setenv("DASHBOARD_SITE_DIR", str(out))
    monkeypatch.setenv("DASHBOARD_PUBLIC_URL", "https://contoh.invalid/")
    assert main(["build"]) == 0
    for fig in kecamatan.itertuples():
        card = (out / "angka" / f"{fig.fig_id}.html").read_text(encoding="utf-8")
        strict_tree(card)
        assert f'href="../wilayah/{fig.kode_wilayah[:4]}.html"' in card
        assert 'content="https://contoh.invalid/site/angka/' in card
    index = (out / "index.html").read_text(encoding="utf-8")
    region = (out / "wilayah" / "3601.html").read_text(encoding="utf-8")
    assert "<svg" not in index and "<svg" not in region and "Batas wilayah belum terpasang" in region
    assert len(list((out / "angka").iterdir())) == len(small)
    with Image.open(out / "og" / "index.png") as image:
        assert image.size == (1200, 630)
    if (out / "data").exists():  # open-data copies, when dashboard.logic.opendata exists
        descriptor = json.loads((out / "data" / "datapackage.json").read_text(encoding="utf-8"))
        assert descriptor["release"] == release.load_newest_good().release.release_id
    assert not list(Path(tmp_path).glob(".site.*"))  # no temporary folder left behind

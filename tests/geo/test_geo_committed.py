"""The committed layers in geo/: present, tracked by git, described by SOURCES.md, correct; nothing the app
or `make` runs reads ../shared. Needs nothing outside the repository."""

from __future__ import annotations

import csv
import gzip
import json
import re
import shutil
import subprocess

import pytest
import shapely
from geo_testdata import GEO_DIR, LAYER_FILES, MANIFEST, REPO_ROOT

import dashboard.geo as geo
from dashboard.geo.__main__ import main
from dashboard.geo.build import KABKOTA_PROPERTIES, KECAMATAN_PROPERTIES, UTM_CRS
from dashboard.geo.rebuild import GZIP_LIMIT
from dashboard.geo.record import COPY_COMMIT, COPY_REPOSITORY, recorded_outputs
from dashboard.geo.sources import load_manifest

EXPECTED_PER_KABKOTA = {"3601": 35, "3602": 28, "3603": 29, "3604": 29, "3671": 13, "3672": 8, "3673": 6, "3674": 7}


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(REPO_ROOT), *args], capture_output=True, text=True, timeout=60)


def test_layers_are_tracked_by_git():
    if _git("rev-parse", "--git-dir").returncode != 0:
        pytest.skip(f"{REPO_ROOT} is not a git checkout")
    tracked = set(_git("ls-files", "geo").stdout.split())
    assert {f"geo/{n}" for n in (*LAYER_FILES, "SOURCES.md", "README.md", "source_manifest.csv")} <= tracked
    for name in LAYER_FILES:  # not ignored: a rebuild shows up in `git status`
        assert _git("check-ignore", "-q", f"geo/{name}").returncode == 1, name
    assert _git("check-ignore", "-q", "geo/.cache/id3601_pandeglang.geojson").returncode == 0


def test_verify_command_passes(capsys):
    assert main(["verify", "--dest", str(GEO_DIR)]) == 0, capsys.readouterr().err
    assert "utuh" in capsys.readouterr().out


def test_verify_notices_a_changed_layer(tmp_path, capsys):
    dest = tmp_path / "geo"
    shutil.copytree(GEO_DIR, dest)
    data = (dest / "display/kabkota.geojson").read_bytes()
    (dest / "display/kabkota.geojson").write_bytes(data.replace(b'"nama":"Kota', b'"nama":"Kita', 1))
    assert main(["verify", "--dest", str(dest)]) == 1
    assert "display/kabkota.geojson: hilang atau berubah" in capsys.readouterr().err


def test_sources_md_records_source_licence_inputs_and_outputs():
    text = (GEO_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for fact in ("BPS 2020", "2020-04-01", "OCHA", geo.LICENSE, geo.LICENSE_URL, geo.ATTRIBUTION, geo.ATTRIBUTION_EN,
                 "## Changes made to the source", "coverage_simplify", COPY_COMMIT):
        assert fact in text, fact
    for entry in load_manifest():  # every input with its checksum and size
        size = f"{entry.size:,}".replace(",", ".")
        assert re.search(rf"\| `{entry.file}` \| {entry.kabkota} [^|]+ \| {size} \| `{entry.sha256}` \|", text)
    recorded = recorded_outputs(text)
    assert set(recorded) == set(LAYER_FILES)
    for name, (features, _sha) in recorded.items():
        assert features == len(json.loads((GEO_DIR / name).read_bytes())["features"])


def test_manifest_pins_one_file_per_kabkota_at_a_fixed_commit(reference):
    entries = load_manifest(MANIFEST)
    assert [e.kabkota for e in entries] == list(reference.kabkota["kode_bps"])
    for entry in entries:
        assert entry.url.startswith(f"https://raw.githubusercontent.com/{COPY_REPOSITORY}/{COPY_COMMIT}/"), entry.url
        assert entry.url.endswith("/" + entry.file)


def test_detailed_layers_codes_attributes_and_nesting(committed_layers, reference):
    kab, kec = committed_layers
    assert list(kab.kode_bps) == list(reference.kabkota.kode_bps)  # sorted by code, same as the reference
    assert list(kec.kode) == sorted(reference.kecamatan.kode_bps)
    assert kec.groupby("kode_bps_kabkota").size().to_dict() == EXPECTED_PER_KABKOTA
    assert set(KABKOTA_PROPERTIES) <= set(kab.columns) and set(KECAMATAN_PROPERTIES) <= set(kec.columns)
    # joined on codes: BPS and Kemendagri number kecamatan differently
    pasarkemis = kec.set_index("kode").loc["3603120"]
    assert (pasarkemis.kode_kemendagri, pasarkemis.nama, pasarkemis.nama_kabkota) == (
        "36.03.12", "Pasarkemis", "Kabupaten Tangerang")
    kab_m, kec_m = kab.to_crs(UTM_CRS), kec.to_crs(UTM_CRS)
    for layer in (kab_m, kec_m):
        assert shapely.is_valid(layer.geometry.values).all()
        assert shapely.coverage_is_valid(layer.geometry.values)
        union = shapely.union_all(layer.geometry.values)
        assert abs(shapely.area(layer.geometry.values).sum() - union.area) < 1.0  # m²: no overlaps
        assert sum(len(p.interiors) for p in shapely.get_parts(union)) == 0  # no gaps inside
    parent = dict(zip(kab_m.kode_bps, kab_m.geometry, strict=True))
    assert max(shapely.area(shapely.difference(g, parent[p]))
               for g, p in zip(kec_m.geometry, kec_m.kode_bps_kabkota, strict=True)) < 1.0
    assert abs(kab_m.area.sum() / 1e6 - 9353.5) < 10  # km², BPS 2020 edition after processing
    parts = kec_m.geometry.explode(index_parts=False)
    assert parts.area.min() > 0.5e4 and (parts.area < 1e4).sum() <= 2  # islets under 1 ha dropped


def test_display_layers_are_small_rfc7946_and_keyed():
    for name in LAYER_FILES:
        data = (GEO_DIR / name).read_bytes()
        assert len(gzip.compress(data, mtime=0)) <= GZIP_LIMIT[name], name
    for level, key in geo.KEY_PROPERTY.items():
        layer = json.loads(geo.layer_path(level, dest=GEO_DIR).read_bytes())
        assert "crs" not in layer
        assert all(f["id"] == f["properties"][key] for f in layer["features"])
        for feature in layer["features"]:
            shape = shapely.geometry.shape(feature["geometry"])
            assert all(p.exterior.is_ccw for p in shapely.get_parts(shape))


def test_layer_paths_follow_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("DASHBOARD_GEO_DIR", raising=False)
    assert geo.require_layer("kecamatan") == GEO_DIR / "display" / "kecamatan.geojson"
    monkeypatch.setenv("DASHBOARD_GEO_DIR", str(tmp_path))
    assert geo.layer_path("kabkota", display=False) == tmp_path / "banten_kabkota.geojson"
    with pytest.raises(geo.GeoNotInstalledError, match="git checkout -- geo/"):
        geo.require_layer("kabkota")
    with pytest.raises(ValueError):
        geo.layer_path("desa")


def test_no_streamlit_import():
    for path in (REPO_ROOT / "dashboard" / "geo").glob("*.py"):
        assert "streamlit" not in path.read_text(encoding="utf-8"), path


# What a user runs (the app, the Makefile, deployment, benchmarks) never reads the folder beside the
# repository; only the rebuild tests do (tests/geo, tests/test_fresh_clone.py).
_SHARED = re.compile(r"""\.\./shared|["']shared["']|SHARED_DIR|SHARED_GEO""")


def test_nothing_a_user_runs_reads_shared():
    files = [REPO_ROOT / "Makefile", *REPO_ROOT.glob(".ci/*")]
    for folder in ("dashboard", "deploy", "bench", "tests"):
        files += [p for p in (REPO_ROOT / folder).rglob("*.py")]
    allowed = (REPO_ROOT / "tests" / "geo", REPO_ROOT / "tests" / "test_fresh_clone.py")
    readers = [str(p.relative_to(REPO_ROOT)) for p in files
               if not any(p == a or a in p.parents for a in allowed)
               and p.is_file() and _SHARED.search(p.read_text(encoding="utf-8"))]
    assert readers == []
    with open(MANIFEST, encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 8

"""Install from a local folder: copy or build, idempotence, --force, refusal on failed verification."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys

import pytest
import shapely
from geo_testdata import MINI_REFERENCE, MINI_VILLAGES, REPO_ROOT, SHARED_GEO, require_shared, snapshot

import dashboard.geo as geo
from dashboard.geo import GeoInstallError, installed_info, layer_path
from dashboard.geo.__main__ import main
from dashboard.geo.geojson import read_layer
from dashboard.geo.install import install
from dashboard.geo.sources import resolve_source

FILES = [
    "banten_kabkota.geojson",
    "banten_kecamatan.geojson",
    "display/kabkota.geojson",
    "display/kecamatan.geojson",
]


@pytest.fixture
def mini_folder(tmp_path):
    """A source folder holding only the (synthetic) village file, as ``source/banten_desa_hdx_bps2020.geojson``."""
    folder = tmp_path / "src"
    (folder / "source").mkdir(parents=True)
    shutil.copyfile(MINI_VILLAGES, folder / "source" / "banten_desa_hdx_bps2020.geojson")
    return folder


def _quiet(_message: str) -> None:
    pass


def test_install_copies_from_shared_folder(tmp_path, capsys):
    require_shared()
    dest = tmp_path / "geo"
    assert main(["install", "--from", str(SHARED_GEO), "--dest", str(dest)]) == 0
    assert "8 kab/kota, 155 kecamatan" in capsys.readouterr().out
    for name in ("banten_kabkota.geojson", "banten_kecamatan.geojson"):  # copied byte for byte
        assert (dest / name).read_bytes() == (SHARED_GEO / name).read_bytes()
    info = installed_info(dest)
    assert info["source"]["type"] == "folder" and info["source"]["method"] == "copy"
    assert info["source"]["location"] == str(SHARED_GEO.resolve())
    assert info["features"] == {"kabkota": 8, "kecamatan": 155}
    assert info["license"] == "CC BY 3.0 IGO" and "Badan Pusat Statistik (BPS)" in info["attribution"]
    assert (
        "Digabung ke tingkat" in (SHARED_GEO / "SOURCES.md").read_text()
        and info["attribution"] == geo.ATTRIBUTION
    )
    assert info["installed_at"][:2] == "20"
    for name in FILES:
        data = (dest / name).read_bytes()
        assert info["files"][name]["bytes"] == len(data)
        assert info["files"][name]["sha256"] == hashlib.sha256(data).hexdigest()
    assert len(gzip.compress((dest / "display/kabkota.geojson").read_bytes())) < 30_000
    assert len(gzip.compress((dest / "display/kecamatan.geojson").read_bytes())) < 120_000
    display = json.loads((dest / "display/kecamatan.geojson").read_bytes())
    assert "crs" not in display and len(display["features"]) == 155
    assert display["features"][0]["id"] == display["features"][0]["properties"]["kode"]
    first = shapely.geometry.shape(display["features"][0]["geometry"])
    assert all(p.exterior.is_ccw for p in shapely.get_parts(first))
    assert main(["verify", "--dest", str(dest)]) == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".geo-install-")]  # temp dir cleaned

    # idempotent: nothing rewritten
    before = {n: (dest / n).stat().st_mtime_ns for n in [*FILES, "INSTALLED.json"]}
    assert main(["install", "--from", str(SHARED_GEO), "--dest", str(dest)]) == 0
    assert "sudah terpasang" in capsys.readouterr().out
    assert {n: (dest / n).stat().st_mtime_ns for n in before} == before

    # --force reinstalls
    result = install(resolve_source(SHARED_GEO), dest, force=True, echo=_quiet)
    assert result.changed and installed_info(dest)["installed_at"] >= info["installed_at"]

    # a damaged file is noticed and repaired
    (dest / "display/kabkota.geojson").write_text("{}")
    assert install(resolve_source(SHARED_GEO), dest, echo=_quiet).changed
    assert main(["verify", "--dest", str(dest)]) == 0


def test_install_builds_when_folder_has_only_villages(mini_folder, tmp_path, capsys):
    dest = tmp_path / "geo"
    args = ["install", "--from", str(mini_folder), "--dest", str(dest), "--reference", str(MINI_REFERENCE)]
    assert main(args) == 0
    assert "(bangun)" in capsys.readouterr().out
    info = installed_info(dest)
    assert info["source"]["method"] == "build" and info["features"] == {"kabkota": 2, "kecamatan": 3}
    kec = read_layer(dest / "banten_kecamatan.geojson")
    assert list(kec.kode) == ["3601010", "3601020", "3671010"] and kec.nama.tolist() == [
        "Satu",
        "Dua",
        "Tiga",
    ]
    assert main(args) == 0 and "sudah terpasang" in capsys.readouterr().out
    assert main([*args, "--force"]) == 0 and "terpasang di" in capsys.readouterr().out


def test_failed_verification_leaves_install_untouched(mini_folder, tmp_path, capsys):
    dest = tmp_path / "geo"
    install(resolve_source(mini_folder), dest, reference_dir=MINI_REFERENCE, echo=_quiet)
    before = snapshot(dest)
    # the real reference expects 8 kab/kota and 155 kecamatan: the synthetic layers must be refused
    assert main(["install", "--from", str(mini_folder), "--dest", str(dest), "--force"]) == 1
    err = capsys.readouterr().err
    assert "Verifikasi batas wilayah gagal" in err and "seharusnya 155" in err
    assert snapshot(dest) == before
    assert {p.name for p in tmp_path.iterdir()} == {"src", "geo"}  # no temporary folder left behind


def test_missing_source_files(tmp_path, capsys):
    (tmp_path / "kosong").mkdir()
    assert main(["install", "--from", str(tmp_path / "kosong"), "--dest", str(tmp_path / "geo")]) == 1
    assert "tidak berisi" in capsys.readouterr().err
    assert not (tmp_path / "geo").exists()


def test_environment_variables(monkeypatch, tmp_path, mini_folder):
    monkeypatch.setenv("DASHBOARD_GEO_DIR", str(tmp_path / "elsewhere"))
    assert layer_path("kecamatan") == tmp_path / "elsewhere" / "display" / "kecamatan.geojson"
    assert layer_path("kabkota", display=False) == tmp_path / "elsewhere" / "banten_kabkota.geojson"
    with pytest.raises(geo.GeoNotInstalledError, match="belum dipasang"):
        geo.require_layer("kabkota")
    with pytest.raises(ValueError):
        layer_path("desa")
    monkeypatch.setenv("DASHBOARD_GEO_SOURCE", str(mini_folder))
    assert resolve_source() == resolve_source(mini_folder)
    result = install(resolve_source(), reference_dir=MINI_REFERENCE, echo=_quiet)
    assert result.dest == tmp_path / "elsewhere" and geo.require_layer("kabkota").is_file()
    monkeypatch.setenv("DASHBOARD_GEO_SOURCE", "http://127.0.0.1:9/desa.zip")
    assert resolve_source().kind == "url"


def test_cli_entry_point(mini_folder, tmp_path):
    dest = tmp_path / "geo"
    cmd = [
        sys.executable,
        "-m",
        "dashboard.geo",
        "install",
        "--from",
        str(mini_folder),
        "--dest",
        str(dest),
        "--reference",
        str(MINI_REFERENCE),
    ]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run(cmd, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (dest / "INSTALLED.json").is_file()
    done = subprocess.run(
        cmd[:4] + ["--from", str(tmp_path / "nope"), "--dest", str(dest)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "Gagal memasang batas wilayah" in done.stderr


def test_no_streamlit_import():
    for path in (REPO_ROOT / "dashboard" / "geo").glob("*.py"):
        assert "streamlit" not in path.read_text(), path


def test_install_raises_geo_install_error(tmp_path):
    with pytest.raises(GeoInstallError):
        install(resolve_source(tmp_path), tmp_path / "geo", echo=_quiet)


def test_oversized_display_layer_is_refused(mini_folder, tmp_path, monkeypatch):
    import dashboard.geo.install as install_module

    monkeypatch.setitem(install_module.DISPLAY_GZIP_LIMIT, "kabkota", 10)
    with pytest.raises(GeoInstallError, match="lapisan tampilan kabkota: .* byte setelah gzip"):
        install(resolve_source(mini_folder), tmp_path / "geo", reference_dir=MINI_REFERENCE, echo=_quiet)
    assert not (tmp_path / "geo").exists()

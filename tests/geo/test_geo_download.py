"""The URL source against a local HTTP server: good, interrupted and corrupt downloads."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from geo_testdata import MINI_REFERENCE, MINI_VILLAGES, VILLAGE_FILE, require_shared, snapshot

from dashboard.geo import GeoInstallError, installed_info
from dashboard.geo.__main__ import main
from dashboard.geo.download import download
from dashboard.geo.install import install
from dashboard.geo.sources import resolve_source


def _quiet(_message: str) -> None:
    pass


def _zip(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("README.txt", "made-up archive for the tests")
        archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def installed(tmp_path):
    """A destination that already holds a (synthetic) install, to prove failures leave it untouched."""
    dest = tmp_path / "geo"
    url_folder = tmp_path / "src" / "source"
    url_folder.mkdir(parents=True)
    (url_folder / "banten_desa_hdx_bps2020.geojson").write_bytes(MINI_VILLAGES.read_bytes())
    install(resolve_source(tmp_path / "src"), dest, reference_dir=MINI_REFERENCE, echo=_quiet)
    return dest, snapshot(dest)


def _install_url(url, dest, *extra):
    return main(
        [
            "install",
            "--url",
            url,
            "--dest",
            str(dest),
            "--reference",
            str(MINI_REFERENCE),
            "--no-progress",
            *extra,
        ]
    )


def test_real_village_zip_download(http_server, tmp_path, capsys):
    require_shared()
    body = _zip("idn_admbnda_adm4_banten.geojson", VILLAGE_FILE.read_bytes())
    url = http_server("/cod-ab/idn_adm4_banten.zip", body)
    dest = tmp_path / "geo"
    args = [
        "install",
        "--url",
        url,
        "--sha256",
        hashlib.sha256(body).hexdigest(),
        "--dest",
        str(dest),
        "--no-progress",
    ]
    assert main(args) == 0, capsys.readouterr().err
    info = installed_info(dest)
    assert info["features"] == {"kabkota": 8, "kecamatan": 155}
    assert info["source"] == {
        "type": "url",
        "location": url,
        "method": "build",
        "expected_sha256": hashlib.sha256(body).hexdigest(),
    }
    cached = list((dest / ".cache").iterdir())
    assert len(cached) == 1 and cached[0].name.endswith("idn_adm4_banten.zip")
    assert main(["verify", "--dest", str(dest)]) == 0
    assert main(args) == 0 and "sudah terpasang" in capsys.readouterr().out
    assert http_server.hits["/cod-ab/idn_adm4_banten.zip"] == 1  # idempotent: no second download
    assert main([*args, "--force"]) == 0  # cache reused: checksum matches
    assert http_server.hits["/cod-ab/idn_adm4_banten.zip"] == 1


def test_plain_geojson_download(http_server, tmp_path):
    url = http_server("/desa.geojson", MINI_VILLAGES.read_bytes())
    assert _install_url(url, tmp_path / "geo") == 0
    assert installed_info(tmp_path / "geo")["features"] == {"kabkota": 2, "kecamatan": 3}


def test_interrupted_download(http_server, installed, capsys):
    dest, before = installed
    body = MINI_VILLAGES.read_bytes()[:1000]
    url = http_server("/putus.geojson", body, mode="truncate")
    assert _install_url(url, dest) == 1
    err = capsys.readouterr().err
    assert "Unduhan batas wilayah terputus: 1.000 byte dari 100.000 byte diterima" in err, err
    assert snapshot(dest) == before
    assert not any((dest / ".cache").iterdir())  # no partial file kept


def test_wrong_checksum(http_server, installed, capsys):
    dest, before = installed
    url = http_server("/desa.geojson", MINI_VILLAGES.read_bytes())
    assert _install_url(url, dest, "--sha256", "0" * 64) == 1
    err = capsys.readouterr().err
    assert "rusak" in err and "SHA-256" in err
    assert snapshot(dest) == before
    assert not any((dest / ".cache").iterdir())


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html><body>Halaman tidak ditemukan</body></html>", "bukan data batas desa"),
        (b'{"type": "FeatureCollection", "features": [', "bukan data batas desa"),
        (b'{"type": "FeatureCollection", "features": []}', "bukan data batas desa"),
        (_zip("README.md", b"tidak ada peta"), "tidak berisi GeoJSON"),
    ],
    ids=["html", "truncated-json", "no-villages", "zip-without-layer"],
)
def test_corrupt_download(http_server, installed, capsys, body, message):
    dest, before = installed
    url = http_server("/rusak.zip", body)
    assert _install_url(url, dest) == 1
    err = capsys.readouterr().err
    assert message in err and "Gagal memasang batas wilayah" in err, err
    assert snapshot(dest) == before
    assert not any((dest / ".cache").iterdir())  # the corrupt file is not kept in the cache


def test_http_error_and_unreachable_server(http_server, installed, capsys):
    dest, before = installed
    assert _install_url(http_server("/ada.geojson", b"x").replace("/ada.geojson", "/hilang.zip"), dest) == 1
    assert "HTTP 404" in capsys.readouterr().err
    with pytest.raises(GeoInstallError, match="Unduhan batas wilayah gagal"):
        download("http://127.0.0.1:9/desa.zip", dest / ".cache", progress=False)  # port 9: nothing listens
    assert snapshot(dest) == before

"""Bad input never reaches geo/: a cut-off download, a wrong checksum, an HTML page instead of GeoJSON, a
missing kab/kota, a bad manifest or a failed check stop the build with an Indonesian message, exit 1, and
leave the destination byte for byte as it was (a copy of the committed geo/ folder).

The synthetic village files (two kab/kota, ``tests/fixtures/geo/per_kabkota``) are served over loopback
HTTP with a manifest written here, so these tests need nothing outside the repository.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from geo_testdata import MINI_REFERENCE, MINI_SOURCES, REPO_ROOT, snapshot, write_manifest

from dashboard.geo import GeoBuildError
from dashboard.geo.__main__ import main

KAB = "id3601_contoh.geojson"
KOTA = "id3671_contoh.geojson"


@pytest.fixture
def serve_mini(http_server, tmp_path):
    """Serve the synthetic files (``mode`` per file, ``body`` replacements); return a manifest path."""

    def serve(modes: dict | None = None, bodies: dict | None = None, names=None, **override):
        modes, bodies = modes or {}, bodies or {}
        for path in MINI_SOURCES.glob("id*.geojson"):
            http_server(f"/desa/{path.name}", bodies.get(path.name, path.read_bytes()), modes.get(path.name, "normal"))
        return write_manifest(tmp_path / "manifest.csv", MINI_SOURCES, http_server.base + "/desa", names, **override)

    return serve


def _build(manifest, dest, *extra) -> int:
    return main(["build", "--manifest", str(manifest), "--dest", str(dest), "--reference", str(MINI_REFERENCE),
                 "--no-progress", *extra])


def _refused(capsys, geo_copy, code: int, *fragments: str) -> str:
    dest, before = geo_copy
    err = capsys.readouterr().err
    assert code == 1, err
    assert err.startswith("Gagal membangun batas wilayah: "), err
    for fragment in fragments:
        assert fragment in err, err
    assert "Traceback" not in err and err.endswith(f"Berkas di {dest} tidak diubah.\n"), err
    assert snapshot(dest) == before  # byte for byte, SOURCES.md included
    cache = dest / ".cache"
    assert not cache.exists() or not [p.name for p in cache.iterdir() if p.name.endswith(".part")]
    assert not [p for p in dest.parent.iterdir() if p.name.startswith(".geo-build-")]  # no temp folder left
    return err


def test_good_files_build(serve_mini, tmp_path, capsys):
    """The harness can succeed: the same files, served intact, build the two-kab/kota layers."""
    dest = tmp_path / "baru"
    assert _build(serve_mini(), dest) == 0, capsys.readouterr().err
    from dashboard.geo.geojson import read_layer

    assert list(read_layer(dest / "banten_kecamatan.geojson").kode) == ["3601010", "3601020", "3671010"]
    assert list(read_layer(dest / "display/kabkota.geojson").kode_bps) == ["3601", "3671"]
    assert sorted(p.name for p in (dest / ".cache").iterdir()) == [KAB, KOTA]
    assert main(["verify", "--dest", str(dest), "--reference", str(MINI_REFERENCE)]) == 0


def test_cut_off_download(serve_mini, geo_copy, capsys):
    code = _build(serve_mini({KOTA: "truncate"}), geo_copy[0])
    size = f"{(MINI_SOURCES / KOTA).stat().st_size:,}".replace(",", ".")
    _refused(capsys, geo_copy, code, f"Unduhan {KOTA} (kab/kota 3671 Kota Contoh) terputus: {size} byte dari")
    assert sorted(p.name for p in (geo_copy[0] / ".cache").iterdir()) == [KAB]  # only the complete file kept


def test_cut_off_download_without_content_length(serve_mini, geo_copy, capsys):
    half = (MINI_SOURCES / KAB).read_bytes()[:1000]
    code = _build(serve_mini({KAB: "unsized"}, {KAB: half}), geo_copy[0])
    total = f"{(MINI_SOURCES / KAB).stat().st_size:,}".replace(",", ".")
    _refused(capsys, geo_copy, code, f"Unduhan {KAB} (kab/kota 3601 Kabupaten Contoh) terputus: 1.000 byte dari {total}")


def test_wrong_checksum(serve_mini, geo_copy, capsys):
    code = _build(serve_mini(**{KAB: {"sha256": "0" * 64}}), geo_copy[0])
    _refused(capsys, geo_copy, code, KAB, "tidak sama dengan yang tercatat di manifes", "seharusnya " + "0" * 64)


def test_another_file_under_the_right_name(serve_mini, geo_copy, capsys):
    """The server answers with the other kab/kota's file: same format, wrong bytes."""
    code = _build(serve_mini(bodies={KAB: (MINI_SOURCES / KOTA).read_bytes()}), geo_copy[0])
    _refused(capsys, geo_copy, code, KAB, "tidak sama dengan yang tercatat di manifes")


@pytest.mark.parametrize("mode", ["html", "normal"])  # with or without an honest Content-Type
def test_html_page_instead_of_geojson(serve_mini, geo_copy, capsys, mode):
    page = b"<!DOCTYPE html>\n<html><head><title>429 Too Many Requests</title></head><body>Coba lagi</body></html>"
    code = _build(serve_mini({KOTA: mode}, {KOTA: page}), geo_copy[0])
    _refused(capsys, geo_copy, code, f"{KOTA} (kab/kota 3671 Kota Contoh)", "bukan GeoJSON", "halaman HTML")


def test_kabkota_missing_from_the_manifest(serve_mini, geo_copy, capsys):
    code = _build(serve_mini(names=[KAB]), geo_copy[0])
    _refused(capsys, geo_copy, code, "tidak ada berkas desa untuk kab/kota 3671 Kota Contoh", "ada 1 dari 2")


def test_kabkota_missing_on_the_server(serve_mini, http_server, geo_copy, capsys):
    manifest = serve_mini()
    manifest.write_text(manifest.read_text().replace(f"/desa/{KOTA}", "/hilang/" + KOTA))
    code = _build(manifest, geo_copy[0])
    _refused(capsys, geo_copy, code, f"Unduhan {KOTA} (kab/kota 3671 Kota Contoh) gagal", "HTTP 404")


def test_kabkota_missing_from_the_local_copy(tmp_path, geo_copy, capsys):
    folder = tmp_path / "salinan"
    folder.mkdir()
    (folder / KAB).write_bytes((MINI_SOURCES / KAB).read_bytes())
    manifest = write_manifest(tmp_path / "m.csv", MINI_SOURCES, "https://contoh.invalid")
    code = _build(manifest, geo_copy[0], "--from", str(folder))
    _refused(capsys, geo_copy, code, f"Berkas desa {KOTA} (kab/kota 3671 Kota Contoh) tidak ada di {folder}")


def test_file_holding_another_kabkota(tmp_path, geo_copy, capsys):
    """Checksums match (the manifest was made from the files) but the file named 3671 holds 3601's villages."""
    folder = tmp_path / "tertukar"
    folder.mkdir()
    (folder / KAB).write_bytes((MINI_SOURCES / KAB).read_bytes())
    (folder / KOTA).write_bytes((MINI_SOURCES / KAB).read_bytes())
    manifest = write_manifest(tmp_path / "m.csv", folder, "https://contoh.invalid")
    code = _build(manifest, geo_copy[0], "--from", str(folder))
    _refused(capsys, geo_copy, code, f"{KOTA} (kab/kota 3671 Kota Contoh) berisi desa kab/kota lain (3601)")


def test_unreadable_file_with_matching_checksum(tmp_path, geo_copy, capsys):
    folder = tmp_path / "rusak"
    folder.mkdir()
    (folder / KAB).write_bytes((MINI_SOURCES / KAB).read_bytes())
    (folder / KOTA).write_bytes(b'{"type": "FeatureCollection", "features": [')
    manifest = write_manifest(tmp_path / "m.csv", folder, "https://contoh.invalid")
    code = _build(manifest, geo_copy[0], "--from", str(folder))
    _refused(capsys, geo_copy, code, f"{KOTA} (kab/kota 3671 Kota Contoh) tidak bisa dibaca sebagai batas desa")


@pytest.mark.parametrize(
    ("column", "value", "rule"),
    [("sha256", "abc", "harus 64 digit heksadesimal"), ("bytes", "-5", "harus bilangan bulat positif"),
     ("url", "ftp://x/y", "alamat unduhan harus diawali https://"), ("file", "pandeglang.geojson", "nama berkas harus")],
)
def test_bad_manifest_row(serve_mini, geo_copy, capsys, column, value, rule):
    code = _build(serve_mini(**{KOTA: {column: value}}), geo_copy[0])
    _refused(capsys, geo_copy, code, f"manifest.csv, baris 3, kolom {column} ('{value}'): {rule}")


def test_failed_check_is_refused(serve_mini, geo_copy, capsys, monkeypatch):
    import dashboard.geo.rebuild as rebuild

    monkeypatch.setitem(rebuild.GZIP_LIMIT, "display/kabkota.geojson", 10)
    code = _build(serve_mini(), geo_copy[0])
    _refused(capsys, geo_copy, code, "Pemeriksaan batas wilayah gagal", "display/kabkota.geojson:", "batas 10")


def test_real_reference_refuses_two_kabkota(serve_mini, geo_copy, capsys):
    """With the real code lists the synthetic manifest misses six kab/kota: refused before any download."""
    code = main(["build", "--manifest", str(serve_mini()), "--dest", str(geo_copy[0]), "--no-progress"])
    _refused(capsys, geo_copy, code, "tidak ada berkas desa untuk kab/kota 3602 Kabupaten Lebak", "ada 2 dari 8")


def test_unreachable_server(tmp_path, geo_copy, capsys):
    manifest = write_manifest(tmp_path / "m.csv", MINI_SOURCES, "http://127.0.0.1:9")  # nothing listens on 9
    code = _build(manifest, geo_copy[0])
    _refused(capsys, geo_copy, code, f"Unduhan {KAB} (kab/kota 3601 Kabupaten Contoh) gagal")


def test_command_line_in_a_fresh_interpreter(tmp_path, geo_copy):
    """``python -m dashboard.geo build``: exit 1 and one Indonesian message on stderr, no traceback."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.geo", "build", "--from", str(tmp_path / "tidak-ada"),
         "--dest", str(geo_copy[0])],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("Gagal membangun batas wilayah: Folder sumber") and "tidak diubah" in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(geo_copy[0]) == geo_copy[1]


def test_build_raises_geo_build_error(tmp_path):
    from dashboard.geo.rebuild import build

    with pytest.raises(GeoBuildError, match="Manifes sumber batas wilayah tidak ada"):
        build(tmp_path / "geo", manifest=tmp_path / "tidak-ada.csv", echo=lambda _m: None)
    assert not (tmp_path / "geo").exists()

"""The open-data package validates against its own metadata; any tampering is caught."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest
from cari_testdata import fig, frame, release_statistics

from dashboard.logic.opendata import FIELD_NAMES, validate_data_package, write_data_package

STATS = frame([
    fig("r00000000000a", value=2720.0, quote='kata "kutipan", dengan koma'),
    fig("r00000000000b", indicator="persentase_penduduk_miskin", program="", kode_wilayah="3602", year=2024,
        value=8.44, unit="persen"),
    fig("r00000000000c", indicator="jumlah_penduduk_sp2020", program="", year=2020, value=11.9e6, unit="jiwa",
        unit_asli="juta jiwa", precision=10000.0, displayed=False, conflict_note="Duplikat"),
    fig("c00000000000d", kode_wilayah="3601101", year=None, value=25.0, status="contoh"),
])


@pytest.fixture
def package(tmp_path):
    descriptor = write_data_package(STATS.assign(nik="3601010101010001"), tmp_path, "2026-11-28T000000Z-0001",
                                    "2026-11-28T00:00:00+00:00")
    return tmp_path, descriptor


def test_written_package_is_valid(package):
    out, _ = package
    assert validate_data_package(out) == []
    assert sorted(p.name for p in out.iterdir()) == ["datapackage.json", "statistik.csv", "statistik.json"]


def test_descriptor_describes_the_files(package):
    out, descriptor = package
    assert json.loads((out / "datapackage.json").read_text(encoding="utf-8")) == descriptor
    for key in ("name", "title", "licenses", "sources", "resources"):
        assert descriptor[key]
    assert "contoh" in descriptor["description"] and "bukan angka resmi" in descriptor["description"]
    assert [r["path"] for r in descriptor["resources"]] == ["statistik.csv", "statistik.json"]
    for resource in descriptor["resources"]:
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == FIELD_NAMES
        assert all(f["type"] and f["description"] for f in fields)
        assert resource["rows"] == len(STATS)
        assert resource["hash"] == "sha256:" + hashlib.sha256((out / resource["path"]).read_bytes()).hexdigest()


def test_files_hold_the_figures_and_public_fields_only(package):
    out, _ = package
    rows = list(csv.DictReader(io.StringIO((out / "statistik.csv").read_text(encoding="utf-8"))))
    records = json.loads((out / "statistik.json").read_text(encoding="utf-8"))
    assert list(rows[0]) == FIELD_NAMES and list(records[0]) == FIELD_NAMES
    for name in ("statistik.csv", "statistik.json"):
        assert "3601010101010001" not in (out / name).read_text(encoding="utf-8")
    assert [r["fig_id"] for r in rows] == list(STATS.fig_id) == [r["fig_id"] for r in records]
    assert [float(r["value"]) for r in rows] == list(STATS.value) == [r["value"] for r in records]
    assert [r["year"] for r in records] == [2022, 2024, 2020, None]
    assert [r["displayed"] for r in rows] == ["true", "true", "false", "true"]
    assert records[0]["quote"] == 'kata "kutipan", dengan koma'
    assert records[1]["wilayah"] == "Kab. Lebak"


def test_whole_numbers_are_written_as_integers(package):
    out, _ = package
    csv_text = (out / "statistik.csv").read_text(encoding="utf-8")
    json_text = (out / "statistik.json").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert [r["value"] for r in rows] == ["2720", "8.44", "11900000", "25"]
    assert [r["precision"] for r in rows] == ["", "", "10000", ""]
    records = json.loads(json_text)
    assert [type(r["value"]) for r in records] == [int, float, int, int]
    assert '"value": 2720,' in json_text and "2720.0" not in json_text and "10000.0" not in json_text


def _swap_digit(path):
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2720", "2721", 1), encoding="utf-8")


def _drop_last_json_row_and_fix_hash(path):
    rows = json.loads(path.read_text(encoding="utf-8"))[:-1]
    data = ("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n").encode()
    path.write_bytes(data)
    descriptor_path = path.parent / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    resource = descriptor["resources"][1]
    resource.update(bytes=len(data), hash="sha256:" + hashlib.sha256(data).hexdigest())
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")


def _retype_field(path):
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"][0]["schema"]["fields"][7]["type"] = "string"
    path.write_text(json.dumps(descriptor), encoding="utf-8")


def _bad_boolean_with_fixed_hash(path):
    data = path.read_bytes().replace(b",true,", b",ya,", 1)
    path.write_bytes(data)
    descriptor_path = path.parent / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["resources"][0].update(bytes=len(data), hash="sha256:" + hashlib.sha256(data).hexdigest())
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")


@pytest.mark.parametrize(
    ("target", "tamper", "expected"),
    [("statistik.csv", _swap_digit, "checksum"),
     ("statistik.json", _swap_digit, "checksum"),
     ("statistik.json", _drop_last_json_row_and_fix_hash, "baris"),
     ("datapackage.json", _retype_field, "skema"),
     ("statistik.csv", _bad_boolean_with_fixed_hash, "tipe"),
     ("statistik.csv", lambda p: p.unlink(), "tidak ada"),
     ("datapackage.json", lambda p: p.write_text("{", encoding="utf-8"), "tidak dapat dibaca")],
)
def test_tampered_package_fails(package, target, tamper, expected):
    out, _ = package
    tamper(out / target)
    problems = validate_data_package(out)
    assert problems, "tampering went unnoticed"
    assert any(expected in p for p in problems), problems


def test_rewrite_replaces_files_without_leftovers(package):
    out, _ = package
    write_data_package(STATS.iloc[:2], out, "r2", "2026-11-29T00:00:00+00:00")
    assert validate_data_package(out) == []
    assert sorted(p.name for p in out.iterdir()) == ["datapackage.json", "statistik.csv", "statistik.json"]
    assert json.loads((out / "datapackage.json").read_text())["resources"][0]["rows"] == 2


def test_real_release_package_validates(tmp_path_factory, tmp_path):
    stats, rel = release_statistics(tmp_path_factory)
    descriptor = write_data_package(stats, tmp_path, rel.release_id, rel.published_at)
    assert validate_data_package(tmp_path) == []
    assert descriptor["resources"][0]["rows"] == len(stats)
    assert descriptor["release"] == rel.release_id

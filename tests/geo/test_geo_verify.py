"""verify_layers must catch planted faults, on the committed layers and on the synthetic ones."""

from __future__ import annotations

import pytest
import shapely

from dashboard.geo.verify import verify_layers


@pytest.fixture(params=["real", "mini"])
def layers(request):
    """(kabkota, kecamatan, reference, a kecamatan code to tamper with)."""
    if request.param == "real":
        kab, kec = request.getfixturevalue("committed_layers")
        return kab.copy(), kec.copy(), request.getfixturevalue("reference"), "3671010"
    kab, kec = request.getfixturevalue("mini_build")
    return kab.copy(), kec.copy(), request.getfixturevalue("mini_reference"), "3601020"


def _row(kec, code):
    return kec.index[kec.kode == code][0]


def test_clean_layers_pass(layers):
    kab, kec, reference, _ = layers
    assert verify_layers(kab, kec, reference) == []


def test_planted_overlap(layers):
    kab, kec, reference, code = layers
    row = _row(kec, code)
    kec.loc[row, "geometry"] = kec.geometry[row].buffer(0.003)  # about 330 m into every neighbour
    problems = verify_layers(kab, kec, reference)
    overlap = [p for p in problems if "tumpang tindih" in p]
    assert overlap and code in overlap[0], problems
    assert any("tidak berada di dalam kab/kota" in p for p in problems), problems


def test_missing_kecamatan(layers):
    kab, kec, reference, code = layers
    problems = verify_layers(kab, kec[kec.kode != code], reference)
    assert any(p.startswith("kecamatan: kode tidak ada") and code in p for p in problems), problems
    assert any("fitur, seharusnya" in p for p in problems), problems
    assert any(p.startswith(f"kab/kota {code[:4]}:") and "seharusnya" in p for p in problems), problems
    assert any("celah" in p or "gabungan" in p for p in problems), problems  # the hole it leaves


def test_unknown_code(layers):
    kab, kec, reference, code = layers
    kec.loc[_row(kec, code), "kode"] = code[:4] + "999"
    problems = verify_layers(kab, kec, reference)
    assert any("kode tidak dikenal" in p and code[:4] + "999" in p for p in problems), problems
    kab.loc[0, "kode_bps"] = "3699"
    assert any(p.startswith("kab/kota: kode tidak dikenal") for p in verify_layers(kab, kec, reference))


def test_gap_wrong_parent_and_invalid_geometry(layers):
    kab, kec, reference, code = layers
    row = _row(kec, code)
    shrunk = kec.copy()
    shrunk.loc[row, "geometry"] = kec.geometry[row].buffer(-0.002)
    problems = verify_layers(kab, shrunk, reference)
    assert any("celah" in p or "gabungan" in p or "tidak sama" in p for p in problems), problems

    moved = kec.copy()
    other = next(c for c in kab.kode_bps if c != code[:4])
    moved.loc[row, "kode_bps_kabkota"] = other
    assert any("berbeda dari referensi" in p for p in verify_layers(kab, moved, reference))

    broken = kec.copy()
    bowtie = shapely.Polygon([(106, -6), (106.1, -6.1), (106.1, -6), (106, -6.1)])
    broken.loc[row, "geometry"] = bowtie
    assert any("tidak valid" in p and code in p for p in verify_layers(kab, broken, reference))

    lines = kec.copy()
    lines.loc[row, "geometry"] = kec.geometry[row].boundary
    assert any("bukan Polygon/MultiPolygon" in p for p in verify_layers(kab, lines, reference))


def test_missing_columns(layers):
    kab, kec, reference, _ = layers
    problems = verify_layers(kab.drop(columns=["nama"]), kec, reference)
    assert problems == ["kab/kota: kolom tidak ada: nama"]


def test_default_reference_expectations(reference):
    assert len(reference.kabkota) == 8 and len(reference.kecamatan) == 155
    assert list(reference.kecamatan_per_kabkota().values()) == [35, 28, 29, 29, 13, 8, 6, 7]

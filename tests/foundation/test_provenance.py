"""Every committed data file has a ``.meta.yml`` that names its source and matches its bytes."""

from __future__ import annotations

import shutil

import pytest
import yaml

from dashboard.data import provenance
from dashboard.settings import CONTOH_DIR, DATA_DIR

FILES = provenance.data_files()


def test_repository_has_no_provenance_problems():
    assert provenance.problems() == []


def test_data_files_are_found():
    names = {p.name for p in FILES}
    assert {"sourced_figures.csv", "kabkota.csv", "statistik_contoh.csv", "psks_roster_sintetis.csv"} <= names


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(DATA_DIR)))
def test_every_data_file_has_complete_provenance(path):
    meta = provenance.read_meta(path)
    missing = [key for key in provenance.REQUIRED if key not in meta]
    assert missing == [], missing
    assert meta["file"] == path.name
    assert meta["status"] in ("resmi", "contoh")
    assert str(meta["title"]).strip() and str(meta["licence"]).strip()
    if path.is_relative_to(CONTOH_DIR):
        assert meta["status"] == "contoh"


@pytest.fixture()
def tree(tmp_path):
    """A copy of data/reference and data/sources to tamper with."""
    root = tmp_path / "data"
    for part in ("reference", "sources"):
        shutil.copytree(DATA_DIR / part, root / part)
    assert provenance.problems(root) == []
    return root


def _edit_meta(path, **changes):
    meta_file = provenance.meta_path(path)
    meta = yaml.safe_load(meta_file.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            meta.pop(key)
        else:
            meta[key] = value
    meta_file.write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")


def test_a_changed_file_is_reported(tree):
    target = tree / "reference" / "kabkota.csv"
    target.write_text(target.read_text(encoding="utf-8").replace("Lebak", "Lebaq"), encoding="utf-8")
    found = provenance.problems(tree)
    assert len(found) == 1 and "kabkota.csv" in found[0] and "checksum" in found[0]


def test_an_added_row_is_reported(tree):
    target = tree / "sources" / "koreksi_impor.csv"
    with open(target, "a", encoding="utf-8") as fh:
        fh.write("k99,sourced_figures.csv,99,period,Maret,uji\n")
    found = provenance.problems(tree)
    assert any("checksum" in p for p in found) and any("jumlah baris" in p for p in found)


def test_a_missing_meta_file_is_reported(tree):
    provenance.meta_path(tree / "sources" / "program_map.csv").unlink()
    assert provenance.problems(tree) == ["program_map.csv: tidak ada berkas provenans program_map.csv.meta.yml"]


def test_a_new_data_file_without_provenance_is_reported(tree):
    (tree / "sources" / "baru.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert any("baru.csv" in p for p in provenance.problems(tree))


@pytest.mark.parametrize(
    ("changes", "words"),
    [({"licence": None}, "licence"), ({"source_url": None}, "source_url"), ({"status": "perkiraan"}, "status")],
)
def test_incomplete_or_invalid_meta_is_reported(tree, changes, words):
    _edit_meta(tree / "reference" / "programs.csv", **changes)
    found = provenance.problems(tree)
    assert len(found) == 1 and "programs.csv" in found[0] and words in found[0]


def test_refresh_repairs_the_checksum_after_an_intended_change(tree):
    target = tree / "sources" / "koreksi_impor.csv"
    before = provenance.read_meta(target)["rows"]
    with open(target, "a", encoding="utf-8") as fh:
        fh.write("k99,sourced_figures.csv,99,period,Maret,uji\n")
    provenance.refresh(target)
    assert provenance.problems(tree) == []
    assert provenance.read_meta(target)["rows"] == before + 1

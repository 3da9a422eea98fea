"""Since when something a page needs has been missing from the published releases."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.viewmodel import missing

IDS = ["r1", "r2", "r3"]
CREATED = {"r1": "2025-01-05T10:00:00+00:00", "r2": "2025-03-01T10:00:00+00:00", "r3": "2025-06-30T10:00:00+00:00"}


def stats(*rows: tuple[str, str, str, int, str, bool]) -> pd.DataFrame:
    return pd.DataFrame([{"indicator": i, "program": "", "kode_wilayah": k, "year": y, "unit": "orang", "period": "",
                          "status": s, "displayed": d} for i, k, s, y, _, d in
                         [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]],
                        columns=["indicator", "program", "kode_wilayah", "year", "unit", "period", "status", "displayed"])


def test_never_published_names_the_first_release() -> None:
    found = missing.since(IDS, CREATED.get, lambda rid: False)
    assert found == missing.Since(CREATED["r1"])
    assert missing.since_text(found, "id") == "Belum ada dalam rilis mana pun sejak rilis pertama dasbor ini (5 Januari 2025)."
    assert "5 January 2025" in missing.since_text(found, "en")


def test_withdrawn_names_the_last_release_that_had_it_and_the_one_without() -> None:
    asked: list[str] = []
    found = missing.since(IDS, CREATED.get, lambda rid: asked.append(rid) or rid == "r1")
    assert found == missing.Since(CREATED["r1"], CREATED["r1"], CREATED["r2"])
    assert asked == ["r3", "r2", "r1"]
    assert missing.since_text(found, "id") == "Terakhir ada dalam rilis 5 Januari 2025; tidak ada lagi sejak rilis 1 Maret 2025."


def test_nothing_to_say_when_the_served_release_has_it_or_there_is_none() -> None:
    assert missing.since(IDS, CREATED.get, lambda rid: rid == "r3") is None
    assert missing.since([], CREATED.get, lambda rid: False) is None
    assert missing.since_text(None, "id") == ""


@pytest.mark.parametrize(("scope", "rows", "expected"), [
    ("kecamatan", [("penerima", "3601010", "resmi", 2024, "", True)], True),
    ("kecamatan", [("penerima", "3601010", "contoh", 2024, "", True)], False),  # generated is never "published"
    ("kecamatan", [("penerima", "3601010", "resmi", 2024, "", False)], False),  # kept, not displayed
    ("kabkota", [("penerima", "3601", "resmi", 2024, "", True)], True),
    ("kabkota", [("penerima", "36", "resmi", 2024, "", True)], False),
    ("province", [("penerima", "36", "resmi", 2024, "", True)], True),
    ("psks_counts", [("jumlah_psks", "36", "resmi", 2024, "", True)], True),
    ("psks_counts", [("penerima", "36", "resmi", 2024, "", True)], False),
    ("trend", [("penerima", "36", "resmi", 2023, "", True), ("penerima", "36", "resmi", 2024, "", True)], True),
    ("trend", [("penerima", "36", "resmi", 2024, "", True), ("penerima", "3601", "resmi", 2023, "", True)], False),
    ("region:3601", [("penerima", "3601", "resmi", 2024, "", True)], True),
    ("region:3602", [("penerima", "3601", "resmi", 2024, "", True)], False),
])
def test_scopes(scope: str, rows: list, expected: bool) -> None:
    assert missing.holds(scope, stats(*rows), pd.DataFrame()) is expected


def test_roster_scope_reads_the_public_roster() -> None:
    empty = stats()
    assert missing.holds("roster", empty, pd.DataFrame({"nama": ["A"]}))
    assert not missing.holds("roster", empty, pd.DataFrame(columns=["nama"]))

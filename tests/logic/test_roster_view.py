"""The roster as the PSKS page shows it: filtering, paging bounds, labels, download, small counts."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import reference
from dashboard.data.roster import HIDDEN_NAME
from dashboard.data.schema import ROSTER_PRIVATE_COLUMNS, ROSTER_PUBLIC_COLUMNS
from dashboard.logic import roster_view as rv
from dashboard.logic.roster_view import RosterFilter

# Cilegon (3672) and two of its kecamatan; one PSM in a desa of the first.
KAB = "3672"
KEC_A, KEC_B = reference.kecamatan().query("kode_bps_kabkota == @KAB").kode_bps.iloc[:2]
DESA_A = reference.desa().query("kode_bps_kecamatan == @KEC_A").kode_bps.iloc[0]


def roster(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (nama, jenis, kab, kec, desa, status); the rest of the public columns filled in."""
    frame = pd.DataFrame(rows, columns=["nama", "jenis_psks", "kode_kabkota", "kode_kecamatan", "kode_desa", "status"])
    frame["id_publik"] = [f"PSKS-{i:05d}" for i in range(1, len(frame) + 1)]
    frame["periode_mulai"] = "2021-03-01"
    frame["periode_selesai"] = "2026-03-01"
    frame["nomor_sk"] = "123/4-TKSK/Dinsos/2021"
    frame["tanggal_sk"] = "2021-03-01"
    return frame[ROSTER_PUBLIC_COLUMNS]


SMALL = roster([
    ("Siti Nur Hasanah", "PSM", KAB, KEC_A, DESA_A, "aktif"),
    ("Ahmad Hidayat", "TKSK", KAB, KEC_A, "", "aktif"),
    ("Budi Hidayat", "TKSK", KAB, KEC_B, "", "purna tugas"),
    (HIDDEN_NAME, "TAGANA", KAB, KEC_B, "", "tidak aktif"),
    ("Nur Siti", "TAGANA", "3601", "3601010", "", "aktif"),
])


@pytest.mark.parametrize(("flt", "expected"), [
    (RosterFilter(), [0, 1, 2, 3, 4]),
    (RosterFilter(jenis="TKSK"), [1, 2]),
    (RosterFilter(kabkota=KAB), [0, 1, 2, 3]),
    (RosterFilter(kecamatan=KEC_B), [2, 3]),
    (RosterFilter(status="aktif"), [0, 1, 4]),
    (RosterFilter(jenis="TKSK", status="aktif"), [1]),
    (RosterFilter(query="hidayat"), [1, 2]),
    (RosterFilter(query="HIDAYAT budi"), [2]),
    (RosterFilter(query="siti nur"), [0, 4]),  # all words, any order
    (RosterFilter(query="siti", kabkota="3601"), [4]),
    (RosterFilter(query="nama"), []),  # the placeholder is not a name
    (RosterFilter(query="dipublikasikan"), []),
    (RosterFilter(query="(nama"), []),  # text, not a regular expression
    (RosterFilter(query="a.i"), []),
    (RosterFilter(jenis="LK3"), []),
    (RosterFilter(query="tagana"), [3, 4]),  # the PSKS type by code
    (RosterFilter(query="pekerja sosial"), [0]),  # ... and by its name
    (RosterFilter(query="sumur"), [4]),  # the kecamatan of the assignment
])
def test_filter_roster(flt: RosterFilter, expected: list[int]) -> None:
    assert list(rv.filter_roster(SMALL, flt).index) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    (None, ("", True)),
    ("", ("", True)),
    ("  siti   nur ", ("siti nur", True)),
    ("x" * rv.MAX_QUERY_LENGTH, ("x" * rv.MAX_QUERY_LENGTH, True)),
    ("x" * (rv.MAX_QUERY_LENGTH + 1), ("", False)),
    ("siti\x00", ("", False)),
])
def test_clean_query(raw: str | None, expected: tuple[str, bool]) -> None:
    assert rv.clean_query(raw) == expected


@pytest.mark.parametrize(("total", "size", "pages"), [(0, 25, 1), (1, 25, 1), (25, 25, 1), (26, 25, 2), (50, 25, 2),
                                                     (51, 25, 3), (13769, 25, 551)])
def test_page_count(total: int, size: int, pages: int) -> None:
    assert rv.page_count(total, size) == pages


FRAME = pd.DataFrame({"n": range(53)})


@pytest.mark.parametrize(("asked", "page", "first", "last"), [
    (1, 1, 1, 25), (2, 2, 26, 50), (3, 3, 51, 53),
    (0, 1, 1, 25), (-4, 1, 1, 25),  # below range: the first page
    (4, 3, 51, 53), (999, 3, 51, 53),  # above range: the last page
])
def test_page_slice_bounds(asked: int, page: int, first: int, last: int) -> None:
    result = rv.page_slice(FRAME, asked, 25)
    assert (result.page, result.first, result.last, result.total, result.pages) == (page, first, last, 53, 3)
    assert list(result.rows["n"]) == list(range(first - 1, last))


@pytest.mark.parametrize("size", [1, 7, 25, 50])
def test_pages_cover_every_row_once(size: int) -> None:
    pages = rv.page_count(len(FRAME), size)
    parts = [rv.page_slice(FRAME, p, size).rows for p in range(1, pages + 1)]
    assert all(len(part) <= size for part in parts)
    assert list(pd.concat(parts)["n"]) == list(FRAME["n"])


def test_page_slice_of_nothing() -> None:
    result = rv.page_slice(FRAME.iloc[:0], 3)
    assert (result.page, result.pages, result.first, result.last, result.total) == (1, 1, 0, 0, 0)
    assert result.rows.empty


def test_kecamatan_counts_equal_the_listed_rows_of_the_same_filter() -> None:
    """One rule on the PSKS page: a kecamatan count is the number of public roster rows the table
    lists for the same filter, shown exactly (no "<5" that the table beside it would contradict)."""
    many = roster([(f"Orang {i}", "PSM", KAB, KEC_A, DESA_A, "aktif") for i in range(7)]
                  + [("Satu Saja", "PSM", KAB, KEC_B, "", "aktif")])
    counts = rv.kecamatan_counts(many, RosterFilter(kabkota=KAB))
    in_kab = reference.kecamatan().query("kode_bps_kabkota == @KAB").kode_bps
    assert list(counts["kode_kecamatan"]) == list(in_kab)
    by_code = dict(zip(counts["kode_kecamatan"], counts["jumlah"], strict=True))
    for code in (KEC_A, KEC_B):
        assert by_code[code] == len(rv.filter_roster(many, RosterFilter(kabkota=KAB, kecamatan=code)))
    assert {v for c, v in by_code.items() if c not in (KEC_A, KEC_B)} == {0}


def test_kecamatan_counts_ignore_the_name_search() -> None:
    with_query = rv.kecamatan_counts(SMALL, RosterFilter(query="budi", kabkota=KAB))
    without = rv.kecamatan_counts(SMALL, RosterFilter(kabkota=KAB))
    pd.testing.assert_frame_equal(with_query, without)


def test_display_rows_reads_like_people_read() -> None:
    shown = rv.display_rows(SMALL.iloc[[0, 3]], "id", {"aktif": "Aktif", "tidak aktif": "Tidak aktif"})
    assert list(shown.columns) == rv.DISPLAY_COLUMNS
    first, hidden = shown.iloc[0], shown.iloc[1]
    assert first["jenis"] == "Pekerja Sosial Masyarakat (PSM)"
    assert first["kabkota"] == "Kota Cilegon"
    assert first["kecamatan"] == reference.kecamatan().set_index("kode_bps").at[KEC_A, "nama"]
    assert first["desa"] == reference.desa().set_index("kode_bps").at[DESA_A, "nama"]
    assert first["status"] == "Aktif"
    assert first["masa_tugas"] == "Maret 2021 – Maret 2026"
    assert first["sk"] == "123/4-TKSK/Dinsos/2021 · 1 Maret 2021"
    assert (hidden["nama"], hidden["desa"], hidden["status"]) == (HIDDEN_NAME, "", "Tidak aktif")


def test_download_frame_keeps_public_columns_and_every_filtered_row() -> None:
    leaky = SMALL.assign(**{col: "RAHASIA" for col in ROSTER_PRIVATE_COLUMNS})
    out = rv.download_frame(rv.filter_roster(leaky, RosterFilter(kabkota=KAB)), "contoh")
    assert list(out.columns) == [*ROSTER_PUBLIC_COLUMNS, "keterangan"]
    assert len(out) == 4
    assert set(out["keterangan"]) == {rv.ROSTER_LABEL["contoh"]}
    official = rv.download_frame(rv.filter_roster(SMALL, RosterFilter()), "resmi")
    assert set(official["keterangan"]) == {rv.ROSTER_LABEL["resmi"]} and "DATA CONTOH" not in official.to_csv()
    assert "RAHASIA" not in out.to_csv()

"""The PSKS page, run as a file with AppTest against a release whose roster carries planted canaries.

The canaries are private values (NIK, phone, address) and hidden names (a person who did not consent,
a minor) planted in the full roster before the public projection; none may reach any element or
download of the page. A consenting adult planted beside them is the positive control: it proves the
searches below do reach the planted rows.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import build, reference, release
from dashboard.data.roster import HIDDEN_NAME, generate_roster, public_projection
from dashboard.data.schema import ROSTER_PUBLIC_COLUMNS
from dashboard.logic import roster_view
from dashboard.text.i18n import t
from tests.views.apptest_tools import page_bytes, page_text, use_release

CANARY_NIK = "3601999999999999"
CANARY_PHONE = "081299999999"
CANARY_ADDRESS = "Jl. Kanari No. 99"
HIDDEN_ADULT = "Kanari Rahasia"
MINOR = "Anak Kanari"
SHOWN_ADULT = "Kanari Terbuka"
SECRETS = [CANARY_NIK, CANARY_PHONE, CANARY_ADDRESS, HIDDEN_ADULT, MINOR]
PLANT_KAB = "3672"  # the planted people all work in Kota Cilegon
ROW_CAPTION = re.compile(r"(?:Baris|Rows) ([\d.,]+)–([\d.,]+) (?:dari|of) ([\d.,]+)")


@pytest.fixture(scope="module")
def canary_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A releases folder whose roster came from a full roster with the canaries planted."""
    full = generate_roster()
    people = full.index[(full.jenis_entitas == "orang") & (full.kode_kabkota == PLANT_KAB)
                        & (full.jenis_psks == "TAGANA")][:3]
    full.loc[people, ["nik", "telepon", "alamat_rumah"]] = [CANARY_NIK, CANARY_PHONE, CANARY_ADDRESS]
    full.loc[people, ["tanggal_lahir", "status"]] = ["1980-05-05", "aktif"]
    full.loc[people, ["nama", "persetujuan_publikasi_nama"]] = [[SHOWN_ADULT, "ya"], [HIDDEN_ADULT, "tidak"], [MINOR, "ya"]]
    full.loc[people[2], "tanggal_lahir"] = "2012-01-01"
    root = tmp_path_factory.mktemp("canary-releases")
    release.publish(build.default_statistics(), public_projection(full), "canary", root=root)
    return root


@pytest.fixture()
def releases_dir(canary_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Overrides the shared fixture: every test here serves the canary release."""
    return use_release(canary_template, tmp_path, monkeypatch)


@pytest.fixture()
def roster(served_release) -> pd.DataFrame:
    return served_release.roster


def roster_table(at) -> pd.DataFrame | None:
    """The roster dataframe on the page (recognised by its name column), or None."""
    name = t("psks.col_nama")
    found = [df.value for df in at.dataframe if name in df.value.columns]
    assert len(found) <= 1
    return found[0] if found else None


def shown_rows(at) -> tuple[int, int, int]:
    """(first, last, total) from the "Baris X–Y dari Z" caption."""
    for caption in at.caption:
        match = ROW_CAPTION.search(caption.value)
        if match:
            return tuple(int(re.sub(r"\D", "", g)) for g in match.groups())
    raise AssertionError("no 'Baris X–Y dari Z' caption on the page")


def test_renders_with_one_page_of_the_roster(run_page, roster) -> None:
    at = run_page("psks")
    assert not at.exception
    table = roster_table(at)
    assert table is not None and len(table) == roster_view.PAGE_SIZE
    assert shown_rows(at) == (1, roster_view.PAGE_SIZE, len(roster))
    assert t("psks.roster_contoh") not in page_text(at)  # a published roster, in the public mode
    assert not at.warning
    assert "UU 27/2022" in page_text(at) and "Pasal 17 huruf h" in page_text(at)


@pytest.mark.parametrize("params", [
    {"tipe": "TAGANA"},
    {"tipe": "PSM", "kab": "3601"},
    {"kab": PLANT_KAB, "kec": "3672010"},
    {"status": "purna tugas"},
    {"cari": "siti"},
    {"cari": "Kanari", "kab": PLANT_KAB},
])
def test_filters_change_rows_and_total_matches_an_independent_count(run_page, roster, params) -> None:
    expected = roster
    column = {"tipe": "jenis_psks", "kab": "kode_kabkota", "kec": "kode_kecamatan", "status": "status"}
    for key, value in params.items():
        if key == "cari":
            expected = expected[expected.nama.str.lower().str.contains(value.lower()) & (expected.nama != HIDDEN_NAME)]
        else:
            expected = expected[expected[column[key]] == value]
    assert 0 < len(expected) < len(roster)
    at = run_page("psks", **params)
    assert not at.exception
    first, last, total = shown_rows(at)
    assert (first, total) == (1, len(expected))
    table = roster_table(at)
    assert len(table) == last == min(roster_view.PAGE_SIZE, len(expected))
    assert list(table[t("psks.col_nama")]) == list(expected.nama.iloc[:len(table)])


def test_paging_from_the_url_and_the_pager(run_page, roster) -> None:
    size = roster_view.PAGE_SIZE
    at = run_page("psks", hal="2")
    assert shown_rows(at) == (size + 1, 2 * size, len(roster))
    assert list(roster_table(at)[t("psks.col_nama")]) == list(roster.nama.iloc[size:2 * size])
    at.pagination[0].set_value(5).run()
    assert shown_rows(at)[:2] == (4 * size + 1, 5 * size)
    assert at.query_params["hal"] == "5"
    assert len(roster_table(at)) <= size


def test_a_new_filter_starts_at_page_one(run_page) -> None:
    at = run_page("psks", hal="3")
    assert shown_rows(at)[0] == 2 * roster_view.PAGE_SIZE + 1
    at.selectbox(key="psks-tipe").set_value("TKSK").run()
    assert shown_rows(at)[0] == 1
    assert "hal" not in at.query_params


def test_canaries_never_reach_the_page_or_the_downloads(run_page, downloads) -> None:
    views = [run_page("psks"), run_page("psks", kab=PLANT_KAB, tipe="TAGANA"),
             run_page("psks", cari="kanari"), run_page("psks", cari="rahasia"), run_page("psks", cari="anak kanari")]
    everything = b"\n".join(page_bytes(at) for at in views) + b"\n".join(d.data for d in downloads)
    for secret in SECRETS:
        assert secret.encode("utf-8") not in everything, secret
    # Positive control: the planted adult who consented is found, shown and downloaded.
    assert SHOWN_ADULT in set(roster_table(views[2])[t("psks.col_nama")])
    roster_files = [d for d in downloads if d.file_name.startswith("psks-roster")]
    assert roster_files and not any("DATA-CONTOH" in d.file_name for d in roster_files)
    assert any(SHOWN_ADULT.encode() in d.data for d in roster_files)


def test_roster_download_holds_all_filtered_rows_with_public_columns_only(run_page, roster, downloads) -> None:
    run_page("psks", tipe="TAGANA", kab=PLANT_KAB)
    (download,) = [d for d in downloads if d.file_name.startswith("psks-roster")]
    rows = list(csv.DictReader(io.StringIO(download.data.decode("utf-8-sig"))))
    assert list(rows[0]) == [*ROSTER_PUBLIC_COLUMNS, "keterangan"]
    expected = roster[(roster.jenis_psks == "TAGANA") & (roster.kode_kabkota == PLANT_KAB)]
    assert [r["id_publik"] for r in rows] == list(expected.id_publik)
    assert len(rows) > roster_view.PAGE_SIZE  # the whole selection, not the page
    assert {r["keterangan"] for r in rows} == {roster_view.ROSTER_LABEL["resmi"]}


def test_bad_query_params_fall_back_with_a_notice(run_page, roster) -> None:
    at = run_page("psks", tipe="BOGUS", kab="9999", kec="1234567", status="hilang", hal="99999", jenis="NOPE",
                  tahun="1900")
    assert not at.exception
    notice = " ".join(i.value for i in at.info)
    for name in ("hal", "kab", "kec", "status", "tahun", "tipe"):
        assert name in notice
    assert shown_rows(at) == (1, roster_view.PAGE_SIZE, len(roster))
    at = run_page("psks", cari="x" * (roster_view.MAX_QUERY_LENGTH + 1))
    assert t("psks.bad_search") in [i.value for i in at.info]
    assert shown_rows(at)[2] == len(roster)


def test_empty_selection_shows_the_no_data_message(run_page, roster) -> None:
    kab_kec = reference.kecamatan().query("kode_bps_kabkota == '3601'").kode_bps
    empty = next(k for k in kab_kec if not ((roster.jenis_psks == "LK3") & (roster.kode_kecamatan == k)).any())
    at = run_page("psks", tipe="LK3", kab="3601", kec=empty)
    assert not at.exception
    assert t("psks.no_rows") in [i.value for i in at.info]
    assert roster_table(at) is None


def test_kecamatan_counts_equal_the_listed_rows(run_page, roster) -> None:
    at = run_page("psks", tipe="TAGANA", kab=PLANT_KAB)
    (counts,) = [df.value for df in at.dataframe if t("psks.col_jumlah") in df.value.columns]
    real = roster[(roster.jenis_psks == "TAGANA") & (roster.kode_kabkota == PLANT_KAB)].groupby("kode_kecamatan").size()
    names = reference.kecamatan().set_index("kode_bps")["nama"]
    shown = dict(zip(counts[t("psks.col_kecamatan")], counts[t("psks.col_jumlah")], strict=True))
    for code, n in real.items():
        assert shown[names[code]] == n  # the same number the roster table lists for that kecamatan


def test_english(run_page) -> None:
    at = run_page("psks", lang="en")
    assert not at.exception
    assert at.title[0].value == t("psks.title", "en")
    assert shown_rows(at)[0] == 1

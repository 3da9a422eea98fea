"""Immutable releases: publish, the atomic CURRENT switch, checksums, the revision log, and the
fallback to the newest good release when a newer one is damaged."""

from __future__ import annotations

import hashlib
import json
import os

import pandas as pd
import pytest

from dashboard.data import release
from dashboard.data.schema import ROSTER_PUBLIC_COLUMNS


@pytest.fixture(scope="module")
def stats(default_release) -> pd.DataFrame:
    # A slice keeps each publish fast; it still mixes resmi and contoh rows, NA years and notes.
    frame = default_release.statistics
    return pd.concat([frame.head(30), frame[frame.status == "contoh"].head(10)], ignore_index=True)


@pytest.fixture(scope="module")
def public_roster(default_release) -> pd.DataFrame:
    return default_release.roster.head(15).reset_index(drop=True)


@pytest.fixture()
def root(tmp_path):
    return tmp_path / "releases"


def leftovers(root) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith("."))


def test_default_release_is_served(default_release, releases_root):
    assert release.current_id(releases_root) == default_release.release_id
    assert list(default_release.roster.columns) == ROSTER_PUBLIC_COLUMNS
    assert set(default_release.statistics["status"]) == {"resmi"}  # DATA CONTOH is never published
    assert default_release.roster.empty  # the real roster is published by staff
    assert default_release.manifest["validation"]["result"] == "lulus"


def test_publish_writes_a_release_and_switches_current_atomically(root, stats, public_roster, monkeypatch):
    replaced = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (replaced.append((str(src), str(dst))),
                                                         real_replace(src, dst))[1])
    rid = release.publish(stats, public_roster, "uji", root)
    assert release.list_releases(root) == [rid]
    assert release.current_id(root) == rid
    assert (root / "CURRENT").read_text(encoding="utf-8") == rid + "\n"
    assert [dst for _, dst in replaced] == [str(root / "CURRENT")]  # swapped in, never written in place
    assert leftovers(root) == []
    assert sorted(p.name for p in (root / rid).iterdir()) == sorted(
        [release.STATS_FILE, release.ROSTER_FILE, release.MANIFEST_FILE])


def test_manifest_checksums_and_counts_verify(root, stats, public_roster):
    rid = release.publish(stats, public_roster, "uji", root)
    manifest = json.loads((root / rid / release.MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["id"] == rid and manifest["parent"] is None and manifest["note"] == "uji"
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((root / rid / name).read_bytes()).hexdigest() == digest
    assert manifest["rows"] == {release.STATS_FILE: len(stats), release.ROSTER_FILE: len(public_roster)}


def test_a_release_reads_back_equal_to_what_was_published(root, stats, public_roster):
    rid = release.publish(stats, public_roster, "uji", root)
    loaded = release.load_release(rid, root)
    pd.testing.assert_frame_equal(loaded.statistics, stats.reset_index(drop=True))
    pd.testing.assert_frame_equal(loaded.roster, public_roster, check_dtype=False)


def test_revision_log_records_added_changed_and_removed(root, stats, public_roster):
    first = release.publish(stats, public_roster, "pertama", root)
    changed_id, removed_id = stats["fig_id"].iloc[0], stats["fig_id"].iloc[1]
    new = stats[stats.fig_id != removed_id].copy()
    new.loc[new.fig_id == changed_id, "value"] = 123456.0
    added = stats.iloc[[2]].assign(fig_id="tambahan01", value=7.0)
    new = pd.concat([new, added], ignore_index=True)
    second = release.publish(new, public_roster, "kedua", root)

    log = release.revisions(root)
    assert (log.loc[log.release == first, "perubahan"] == "baru").sum() == len(stats)
    changes = log[log.release == second].set_index("fig_id")
    assert sorted(changes.index) == sorted([changed_id, removed_id, "tambahan01"])
    assert changes.at[changed_id, "perubahan"] == "diubah"
    assert float(changes.at[changed_id, "nilai_baru"]) == 123456.0
    assert float(changes.at[changed_id, "nilai_lama"]) == stats["value"].iloc[0]
    assert changes.at[removed_id, "perubahan"] == "dihapus" and changes.at[removed_id, "nilai_baru"] == ""
    assert changes.at["tambahan01", "perubahan"] == "baru" and float(changes.at["tambahan01", "nilai_baru"]) == 7.0
    assert json.loads((root / second / release.MANIFEST_FILE).read_text())["parent"] == first


def test_older_releases_are_left_untouched(root, stats, public_roster):
    first = release.publish(stats, public_roster, "pertama", root)
    before = {p.name: p.read_bytes() for p in (root / first).iterdir()}
    release.publish(stats.head(5), public_roster, "kedua", root)
    assert {p.name: p.read_bytes() for p in (root / first).iterdir()} == before
    assert release.load_release(first, root).statistics.shape[0] == len(stats)


def _truncate(path):
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])


def _edit_a_value(path):
    text = path.read_text(encoding="utf-8")
    header, first, rest = text.split("\n", 2)
    cells = first.split(",")
    index = header.split(",").index("fig_id")
    cells[index] = cells[index][:-1] + ("0" if cells[index][-1] != "0" else "1")
    path.write_text("\n".join([header, ",".join(cells), rest]), encoding="utf-8")


@pytest.mark.parametrize(
    ("damage", "file"),
    [(_truncate, release.ROSTER_FILE), (_truncate, release.STATS_FILE), (_edit_a_value, release.STATS_FILE)],
)
def test_a_damaged_newest_release_falls_back_to_the_previous_one(root, stats, public_roster, damage, file):
    good = release.publish(stats, public_roster, "baik", root)
    bad = release.publish(stats.head(10), public_roster, "rusak", root)
    damage(root / bad / file)
    assert release.current_id(root) == bad
    served = release.load_newest_good(root)
    assert served.release.release_id == good
    assert served.skipped == [bad]
    assert len(served.release.statistics) == len(stats)
    with pytest.raises(release.ReleaseError, match="checksum|tidak dapat dibaca"):
        release.load_release(bad, root)


def test_current_pointing_back_serves_that_release(root, stats, public_roster):
    older = release.publish(stats, public_roster, "lama", root)
    release.publish(stats.head(5), public_roster, "baru", root)
    (root / "CURRENT").write_text(older + "\n", encoding="utf-8")  # a deliberate rollback
    served = release.load_newest_good(root)
    assert served.release.release_id == older and served.skipped == []


def test_no_readable_release_raises(root, stats, public_roster):
    with pytest.raises(release.ReleaseError):
        release.load_newest_good(root)  # folder does not even exist
    rid = release.publish(stats, public_roster, "satu-satunya", root)
    _truncate(root / rid / release.STATS_FILE)
    with pytest.raises(release.ReleaseError, match="Tidak ada rilis"):
        release.load_newest_good(root)


def test_publishing_repairs_a_damaged_current_release(root, stats, public_roster):
    good = release.publish(stats, public_roster, "baik", root)
    bad = release.publish(stats.head(10), public_roster, "rusak", root)
    _truncate(root / bad / release.STATS_FILE)
    fixed = release.publish(stats.head(20), public_roster, "perbaikan", root)
    served = release.load_newest_good(root)
    assert served.release.release_id == fixed and served.skipped == []
    manifest = json.loads((root / fixed / release.MANIFEST_FILE).read_text())
    assert manifest["parent"] == good  # the diff is against what visitors were actually served
    log = release.revisions(root)
    assert (log.loc[log.release == fixed, "perubahan"] == "dihapus").sum() == len(stats) - 20


@pytest.mark.parametrize(
    "roster_change",
    [
        lambda r: r.assign(nik="3601000000000001"),          # a private column
        lambda r: r.assign(catatan="x"),                     # any column not on the allowlist
        lambda r: r.drop(columns="nomor_sk"),               # a missing column
        lambda r: r[list(reversed(ROSTER_PUBLIC_COLUMNS))],  # columns out of order
    ],
)
def test_publish_refuses_a_roster_outside_the_allowlist(root, stats, public_roster, roster_change):
    with pytest.raises(ValueError, match="allowlist"):
        release.publish(stats, roster_change(public_roster), "tolak", root)
    assert not root.exists() or (release.list_releases(root) == [] and release.current_id(root) is None)


def _rewrite_column(path, column, row, text):
    """Set one cell of a release's statistics file and re-sign the manifest (only the value is wrong)."""
    frame = pd.read_csv(path / release.STATS_FILE, dtype=str, keep_default_na=False)
    frame.loc[row, column] = text
    frame.to_csv(path / release.STATS_FILE, index=False, lineterminator="\n")
    manifest = json.loads((path / release.MANIFEST_FILE).read_text(encoding="utf-8"))
    manifest["files"][release.STATS_FILE] = release.sha256_file(path / release.STATS_FILE)
    (path / release.MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize("text", ["ya", "true", "1", "", "TRUE", "False "])
def test_a_boolean_cell_other_than_true_or_false_refuses_the_release(root, stats, public_roster, text):
    # Issue 11: "displayed" values other than True/False used to become True.
    rid = release.publish(stats, public_roster, "uji", root)
    _rewrite_column(root / rid, "displayed", 3, text)
    with pytest.raises(release.ReleaseError, match="displayed"):
        release.load_release(rid, root)
    with pytest.raises(release.ReleaseError, match="baris 5"):
        release.read_statistics(root / rid / release.STATS_FILE)


def test_a_table_with_a_non_boolean_flag_is_never_written(root, stats, public_roster):
    bad = stats.astype({"displayed": object})
    bad.loc[bad.index[2], "displayed"] = "ya"
    with pytest.raises(release.ReleaseError, match="displayed"):
        release.publish(bad, public_roster, "tolak", root)
    assert release.current_id(root) is None


def test_a_bug_while_reading_is_not_turned_into_no_release(releases_root, monkeypatch):
    """Only a damaged or missing release is a ReleaseError; a bug in the reader propagates."""
    def broken(path):
        raise TypeError("a bug in the reader")

    monkeypatch.setattr(release, "read_statistics", broken)
    with pytest.raises(TypeError):
        release.load_newest_good(releases_root)


def test_a_skipped_release_is_logged_with_its_reason(root, stats, public_roster, caplog):
    good = release.publish(stats, public_roster, "baik", root)
    bad = release.publish(stats, public_roster, "rusak", root)
    (root / bad / release.STATS_FILE).write_text("rusak\n", encoding="utf-8")
    with caplog.at_level("WARNING"):
        served = release.load_newest_good(root)
    assert served.release.release_id == good and served.skipped == [bad]
    assert "checksum" in served.reasons[bad]
    assert any(bad in r.getMessage() and "checksum" in r.getMessage() for r in caplog.records)


def test_publish_refuses_generated_figures(root, stats, public_roster):
    contoh = stats.assign(status="contoh", note="DATA CONTOH, bukan angka resmi", source_type="contoh")
    with pytest.raises(release.ReleaseError, match="DATA CONTOH"):
        release.publish(contoh, public_roster, "contoh", root)
    assert not root.exists() or release.list_releases(root) == []

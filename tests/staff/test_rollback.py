"""Rollback: an earlier release becomes current again as a NEW release; nothing is deleted; the note and
the revision log say so; the audit log names who did it."""

from __future__ import annotations

import pandas as pd
import pytest
from roster_files import write_csv

from dashboard.data import audit, release, roster_import, staff
from dashboard.data.__main__ import main
from dashboard.data.rollback import ROLLBACK_CHANGE, RollbackError, history, rollback
from dashboard.settings import REPO_ROOT

STAFF_FILE = REPO_ROOT / "tests" / "fixtures" / "staff" / "baik_bersih.csv"


def _tree(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_rollback_restores_figures_as_a_new_release(releases):
    first = release.current_id()
    published = staff.publish(STAFF_FILE)
    assert published.release_id and published.problems == []
    kept = {rid: _tree(releases / rid) for rid in release.list_releases()}

    done = rollback(first, "alice")
    assert done.restored == first and done.replaced == published.release_id
    assert release.current_id() == done.release_id not in kept
    assert {rid: _tree(releases / rid) for rid in kept} == kept  # no release touched or deleted
    new, old = release.load_release(done.release_id), release.load_release(first)
    pd.testing.assert_frame_equal(new.statistics, old.statistics)
    pd.testing.assert_frame_equal(new.roster, old.roster)
    assert f"isi rilis {first}" in new.manifest["note"] and "alice" in new.manifest["note"]
    log = release.revisions()
    mine = log[log.release == done.release_id]
    marker = mine[mine.perubahan == ROLLBACK_CHANGE]
    assert marker.fig_id.tolist() == [f"rilis:{first}"]
    # Every figure the upload changed is logged changing back.
    upload = log[log.release == published.release_id]
    assert done.changes == len(upload) > 0
    assert set(mine[mine.perubahan != ROLLBACK_CHANGE].fig_id) == set(upload.fig_id)


def test_rollback_refuses_current_unknown_and_broken(releases):
    current = release.current_id()
    with pytest.raises(RollbackError, match="sudah menjadi rilis aktif"):
        rollback(current, "alice")
    with pytest.raises(RollbackError, match="tidak ada"):
        rollback("1999-01-01T000000Z-0009", "alice")
    staff.publish(STAFF_FILE)
    (releases / current / release.STATS_FILE).write_text("rusak", encoding="utf-8")
    before = release.current_id()
    with pytest.raises(RollbackError, match="rusak"):
        rollback(current, "alice")
    assert release.current_id() == before


def test_roster_import_can_be_rolled_back(releases, private, tmp_path):
    first = release.load_newest_good().release
    imported = roster_import.publish(write_csv(tmp_path / "roster.csv"))
    assert imported.release_id
    done = rollback(first.release_id, "bob")
    pd.testing.assert_frame_equal(release.load_newest_good().release.roster, first.roster)
    assert done.changes == 0  # statistics equal: only the roster went back
    assert list((private / "roster").iterdir())  # the private copy is kept (never deleted)


def test_history_lists_date_user_and_summary(releases, capsys):
    first = release.current_id()
    staff.publish(STAFF_FILE)
    assert main(["rollback", first]) == 0
    assert "dipulihkan sebagai rilis baru" in capsys.readouterr().out
    table = history()
    assert table.rilis.tolist() == sorted(release.list_releases(), reverse=True)
    assert table.aktif.tolist() == [True, False, False]
    assert table.pengguna.iloc[0].startswith("cli:") and table.pengguna.iloc[0] == audit.cli_user()
    assert "Pemulihan" in table.catatan.iloc[0] and table.angka.iloc[0] > 100
    assert main(["rollback", "tidak-ada"]) == 1
    assert audit.read().aksi.tolist()[-2:] == ["pulihkan", "pulihkan"]
    assert audit.read().hasil.tolist()[-2:] == ["diterbitkan", "ditolak"]


def test_metodologi_page_shows_the_rollback_line(releases):
    from tests.views.apptest_tools import clear_streamlit_caches, page_test

    first = release.current_id()
    staff.publish(STAFF_FILE)
    rollback(first, "alice")
    clear_streamlit_caches()
    at = page_test("metodologi").run()
    assert not at.exception
    text = "\n".join(str(m.value) for m in at.markdown)
    assert "Pemulihan: isi rilis" in text  # the release note of the current release
    cells = {str(v) for df in at.dataframe for column in df.value.columns for v in df.value[column]}
    assert "pemulihan rilis lama (lihat catatan rilis)" in cells  # the newest line of the revision log
    clear_streamlit_caches()

"""The staff-side commands ``rollback RELEASE_ID`` and ``roster check|publish FILE`` (printing, audit).

The logic lives in :mod:`dashboard.data.rollback` and :mod:`dashboard.data.roster_import`; this
module prints what staff read, in Indonesian, and writes one audit line per run (user ``cli:<login>``).
Exit codes: 0 done (or clean), 1 problems found / refused, 2 no readable release.
"""

from __future__ import annotations

from pathlib import Path

from dashboard.data import audit, preview, release, roster_import
from dashboard.data.private_store import safe_name
from dashboard.data.rollback import RollbackError
from dashboard.data.rollback import rollback as do_rollback
from dashboard.data.staff_messages import report

MAX_LINES = 30


def rollback(target: str) -> int:
    user = audit.cli_user()
    try:
        done = do_rollback(target, user)
    except RollbackError as exc:
        print(exc)
        audit.record("pulihkan", user, "ditolak", release_id=release.current_id() or "", note=f"sasaran {target}")
        return 1
    audit.record("pulihkan", user, "diterbitkan", release_id=done.release_id,
                 note=f"memulihkan {done.restored}, menggantikan {done.replaced}")
    print(f"Rilis {done.restored} dipulihkan sebagai rilis baru {done.release_id} "
          f"(menggantikan {done.replaced}; {done.changes} angka berubah kembali).")
    return 0


def _print_preview(old, new) -> None:
    diff = preview.roster_preview(old, new)
    print(f"Roster publik: {len(diff.added)} baris baru, {len(diff.removed)} baris dihapus, "
          f"{len(diff.changed)} baris berubah, {diff.unchanged} baris tetap.")
    for label, frame in (("baru", diff.added), ("dihapus", diff.removed)):
        for row in frame.head(MAX_LINES).itertuples():
            print(f"  {label}: {row.id_publik} {row.nama} ({row.jenis_psks}, {row.kode_kecamatan})")
    for row in diff.changed.head(MAX_LINES).itertuples():
        print(f"  berubah: {row.id_publik} (kolom: {row.kolom})")


def roster(action: str, file: str, sheet: str | None = None) -> int:
    """``check`` prints problems or the preview; ``publish`` also publishes a new release when clean."""
    user = audit.cli_user()
    try:
        served = release.load_newest_good().release
    except release.ReleaseError as exc:
        print(f"Rilis data tidak dapat dibaca: {exc}")
        return 2
    path = Path(file)
    result = roster_import.publish(path, sheet=sheet) if action == "publish" else roster_import.check(path, sheet=sheet)
    name = safe_name(result.file)
    kind = "impor_roster" if action == "publish" else "periksa_roster"
    if result.problems:
        print(report(result.problems))
        audit.record(kind, user, "ditolak", file_name=name, sha256=result.sha256, release_id=served.release_id)
        return 1
    for found in result.notes:
        print("Catatan: " + found.message())
    _print_preview(served.roster, result.public)
    if action == "check":
        print("Berkas roster lolos pemeriksaan. Belum ada yang diterbitkan; jalankan 'roster publish'.")
        audit.record(kind, user, "lolos", file_name=name, sha256=result.sha256, release_id=served.release_id)
    elif result.release_id is None:
        print(f"Roster publik tidak berubah dibanding rilis {served.release_id}; tidak ada rilis baru.")
        audit.record(kind, user, "tidak_berubah", file_name=name, sha256=result.sha256, release_id=served.release_id)
    else:
        print(f"Rilis baru: {result.release_id} (statistik rilis {served.release_id} + roster publik baru, "
              f"{len(result.public)} baris). Berkas lengkap disimpan di folder privat.")
        audit.record(kind, user, "diterbitkan", file_name=name, sha256=result.sha256, release_id=result.release_id,
                     note=f"{len(result.public)} baris publik dari {len(result.private)} baris")
    return 0



"""Command line for the data: ``python -m dashboard.data COMMAND``.

Commands: ``init`` (first release from the embedded data, if none), ``generate`` (rewrite the
demonstration files), ``status`` (what is published), ``sources`` (counts of the published figures;
``--tulis`` rewrites the import report), ``outputs`` (rewrite open data and light pages), ``meta``
(refresh provenance checksums), ``check FILE`` and ``publish FILE`` (staff updates; see
:mod:`dashboard.data.staff`), ``rollback RELEASE_ID`` (make an earlier release current again as a new
release; :mod:`dashboard.data.rollback`), ``roster check|publish FILE`` (the real PSKS roster;
:mod:`dashboard.data.roster_import`). Staff actions are logged in ``audit.csv``
(:mod:`dashboard.data.audit`). An entry point: after a publication it calls the publishing
orchestrator (:mod:`dashboard.publish`), which sits above the data layer.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard import publish as outputs
from dashboard.data import audit, build, commands, private_store, provenance, release, staff
from dashboard.settings import REPO_ROOT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.data", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init", help="terbitkan rilis awal dari data bawaan jika belum ada")
    init.add_argument("--force", action="store_true")
    sub.add_parser("generate", help="bangkitkan ulang data contoh di data/contoh/")
    sub.add_parser("status", help="rilis yang sedang diterbitkan")
    sub.add_parser("outputs", help="tulis ulang data terbuka dan halaman ringan dari rilis terbaru")
    sub.add_parser("meta", help="perbarui checksum dan jumlah baris di berkas provenans data/")
    sources = sub.add_parser("sources", help="jumlah angka terbit per berkas, jenis sumber dan indikator")
    sources.add_argument("--tulis", action="store_true",
                         help="tulis ulang data/sources/laporan_impor.csv dan tabelnya di README.md")
    for name in ("check", "publish"):
        cmd = sub.add_parser(name, help=f"{name} berkas CSV/XLSX dari staf")
        cmd.add_argument("file")
        cmd.add_argument("--sheet", default=None)
    back = sub.add_parser("rollback", help="jadikan rilis lama aktif lagi (sebagai rilis baru)")
    back.add_argument("release_id")
    roster = sub.add_parser("roster", help="periksa/terbitkan roster PSKS asli (berkas Dinsos)")
    roster.add_argument("action", choices=["check", "publish"])
    roster.add_argument("file")
    roster.add_argument("--sheet", default=None)
    args = parser.parse_args(argv)

    if args.command == "init":
        # A release nobody can read (e.g. written before a column was added) does not count as one.
        rid = build.init_release(force=args.force or not _readable_release())
        print(f"Rilis awal diterbitkan: {rid}" if rid else f"Sudah ada rilis: {release.current_id()}")
        if rid or not outputs.outputs_present():
            _write_outputs()
        return 0
    if args.command == "outputs":
        _write_outputs()
        return 0
    if args.command == "generate":
        for name, rows in build.generate().items():
            print(f"{name}: {rows} baris")
        return 0
    if args.command == "meta":
        for path in provenance.data_files():
            provenance.refresh(path)
        print("\n".join(provenance.problems()) or "Semua berkas data memiliki provenans yang cocok.")
        return 0
    if args.command == "sources":
        from dashboard.data import sourced_report

        if args.tulis:
            print(f"laporan_impor.csv: {sourced_report.write_report()} baris")
            readme = REPO_ROOT / "README.md"
            readme.write_text(sourced_report.with_readme_table(readme.read_text(encoding="utf-8")), encoding="utf-8")
            print("README.md: tabel angka terbit diperbarui")
        print(sourced_report.counts_text())
        return 0
    if args.command == "status":
        try:
            served = release.load_newest_good()
        except release.ReleaseError as exc:
            print(f"{exc} Jalankan: python -m dashboard.data init", file=sys.stderr)
            return 1
        print(f"Rilis: {served.release.release_id} ({served.release.published_at})")
        print(f"Angka: {len(served.release.statistics)}; roster publik: {len(served.release.roster)} baris")
        for skipped in served.skipped:
            print(f"PERINGATAN: rilis {skipped} dilewati: {served.reasons[skipped]}")
        return 0
    if args.command in ("rollback", "roster"):
        before = release.current_id()
        code = commands.rollback(args.release_id) if args.command == "rollback" else \
            commands.roster(args.action, args.file, args.sheet)
        if code == 0 and release.current_id() != before:
            _write_outputs()
        return code
    before = release.current_id()
    code = staff.run(args.command, args.file, sheet=args.sheet)
    _audit_cli(args.command, args.file, code, before)
    if code == 0 and args.command == "publish":
        _write_outputs()
    return code


def _readable_release() -> bool:
    try:
        release.load_newest_good()
    except release.ReleaseError:
        return release.current_id() is None  # none published yet: init publishes the first anyway
    return True


def _audit_cli(command: str, file: str, code: int, before: str | None) -> None:
    """An audit line for a statistics publish run from the command line that made a release.

    Checks and refused runs write nothing at all (the releases folder stays byte for byte the same);
    the staff page logs every action, refused ones included.
    """
    after = release.current_id()
    if command != "publish" or code != 0 or after == before:
        return
    path = Path(file)
    digest = private_store.sha256_bytes(path.read_bytes()) if path.is_file() else ""
    audit.record("terbitkan", audit.cli_user(), "diterbitkan", file_name=private_store.safe_name(path.name),
                 sha256=digest, release_id=after or "")


def _write_outputs() -> None:
    for name, where in outputs.write_outputs().items():
        print(f"{name}: {where}")


if __name__ == "__main__":
    sys.exit(main())

"""Command line of the data layer: ``python -m dashboard.data COMMAND``.

Commands: ``init`` (first release from the embedded data, if none), ``generate`` (rewrite the
demonstration files), ``status`` (what is published), ``sources`` (counts of the published figures;
``--tulis`` rewrites the import report), ``check FILE`` and ``publish FILE``
(staff updates; see :mod:`dashboard.data.staff`).
"""

from __future__ import annotations

import argparse
import sys

from dashboard.data import build, release


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
    sources.add_argument("--tulis", action="store_true", help="tulis ulang data/sources/laporan_impor.csv")
    for name in ("check", "publish"):
        cmd = sub.add_parser(name, help=f"{name} berkas CSV/XLSX dari staf")
        cmd.add_argument("file")
        cmd.add_argument("--sheet", default=None)
    args = parser.parse_args(argv)

    if args.command == "init":
        # A release nobody can read (e.g. written before a column was added) does not count as one.
        rid = build.init_release(force=args.force or not _readable_release())
        print(f"Rilis awal diterbitkan: {rid}" if rid else f"Sudah ada rilis: {release.current_id()}")
        if rid or not outputs_present():
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
        from dashboard.data import provenance  # noqa: PLC0415

        for path in provenance.data_files():
            provenance.refresh(path)
        print("\n".join(provenance.problems()) or "Semua berkas data memiliki provenans yang cocok.")
        return 0
    if args.command == "sources":
        from dashboard.data import sourced_report  # noqa: PLC0415

        if args.tulis:
            print(f"laporan_impor.csv: {sourced_report.write_report()} baris")
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
            print(f"PERINGATAN: rilis {skipped} rusak dan dilewati")
        return 0
    from dashboard.data import staff  # noqa: PLC0415 (staff update path is optional for the app)

    code = staff.run(args.command, args.file, sheet=args.sheet)
    if code == 0 and args.command == "publish":
        _write_outputs()
    return code


def _readable_release() -> bool:
    try:
        release.load_newest_good()
    except release.ReleaseError:
        return release.current_id() is None  # none published yet: init publishes the first anyway
    return True


def outputs_present() -> bool:
    from dashboard.paths import opendata_dir  # noqa: PLC0415

    return (opendata_dir() / "datapackage.json").exists()


def _write_outputs() -> None:
    from dashboard.data.outputs import write_outputs  # noqa: PLC0415

    for name, where in write_outputs().items():
        print(f"{name}: {where}")


if __name__ == "__main__":
    sys.exit(main())

"""Command line: ``python -m dashboard.geo build|verify``.

Examples
--------
``python -m dashboard.geo build``                 download the eight village files (manifest), rebuild geo/
``python -m dashboard.geo build --from DIR``      the same from a local copy of the eight files
``python -m dashboard.geo verify``                re-check the layers in geo/ against geo/SOURCES.md
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.geo import LAYER_FILES, LEVELS, SOURCES_FILE, GeoBuildError, geo_dir, layer_path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.geo", description="Batas wilayah Banten (BPS 2020, COD-AB HDX)."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser(
        "build",
        help="bangun ulang lapisan batas wilayah di geo/ dari berkas desa resmi",
        description="Unduh delapan berkas desa per kab/kota yang tercatat di geo/source_manifest.csv "
        "(atau ambil dari --from), periksa checksum-nya, bangun lapisan kecamatan dan kab/kota, periksa, "
        "lalu tulis ke geo/ (atau $DASHBOARD_GEO_DIR). Bila ada yang gagal, geo/ tidak diubah.",
    )
    build.add_argument("--from", dest="from_dir", metavar="DIR", type=Path,
                       help="folder berisi salinan kedelapan berkas (nama seperti di manifes); tanpa unduhan")
    build.add_argument("--manifest", type=Path, metavar="CSV", help="manifes lain (bawaan: geo/source_manifest.csv)")
    build.add_argument("--dest", type=Path, help="folder tujuan (bawaan: geo/ atau $DASHBOARD_GEO_DIR)")
    build.add_argument("--cache", type=Path, metavar="DIR", help="cache unduhan (bawaan: <tujuan>/.cache)")
    build.add_argument("--reference", type=Path, metavar="DIR",
                       help="folder kabkota.csv dan kecamatan.csv (bawaan: data/reference)")
    build.add_argument("--no-progress", action="store_true", help="tanpa bilah kemajuan unduhan")
    check = commands.add_parser("verify", help="periksa ulang lapisan di geo/")
    check.add_argument("--dest", type=Path, help="folder yang diperiksa (bawaan: geo/)")
    check.add_argument("--reference", type=Path, metavar="DIR", help="folder kabkota.csv dan kecamatan.csv")
    return parser


def verify(dest: Path, reference_dir: Path | None = None) -> list[str]:
    """Problems of the layers in ``dest``: checksums against ``SOURCES.md``, then the geometric checks."""
    from dashboard.geo.download import sha256_file
    from dashboard.geo.geojson import read_layer
    from dashboard.geo.record import recorded_outputs
    from dashboard.geo.reference import load_reference
    from dashboard.geo.verify import verify_layers

    try:
        recorded = recorded_outputs((dest / SOURCES_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [f"{dest / SOURCES_FILE} tidak ada"]
    problems = [
        f"{name}: hilang atau berubah (SHA-256 tidak sama dengan {SOURCES_FILE})"
        for name in LAYER_FILES
        if name not in recorded or not (dest / name).is_file() or sha256_file(dest / name) != recorded[name][1]
    ]
    if problems:
        return problems
    reference = load_reference(reference_dir)
    for display in (False, True):
        layers = [read_layer(layer_path(level, display, dest)) for level in LEVELS]
        found = verify_layers(*layers, reference, nesting=not display)
        problems += [f"{'tampilan' if display else 'rinci'}: {p}" for p in found]
    return problems


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit status (0 success, 1 failure, 2 usage error, 130 interrupted)."""
    args = _parser().parse_args(argv)
    dest = args.dest or geo_dir()
    if args.command == "verify":
        problems = verify(dest, args.reference)
        if problems:
            print("Pemeriksaan batas wilayah gagal:\n- " + "\n- ".join(problems), file=sys.stderr)
            return 1
        print(f"Batas wilayah di {dest} utuh: checksum sama dengan {SOURCES_FILE}, pemeriksaan lulus.")
        return 0
    from dashboard.geo.rebuild import build

    try:
        build(dest, args.from_dir, args.manifest, args.cache, args.reference, progress=not args.no_progress)
    except GeoBuildError as exc:
        print(f"Gagal membangun batas wilayah: {exc}\nBerkas di {dest} tidak diubah.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"Dibatalkan; berkas di {dest} tidak diubah.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Command line: ``python -m dashboard.geo install|verify``.

Examples
--------
``python -m dashboard.geo install``                       source chosen automatically (see ``--help``)
``python -m dashboard.geo install --from ../shared/geo``  copy the ready layers from a folder
``python -m dashboard.geo install --url URL --sha256 HEX`` download the village file and build the layers
``python -m dashboard.geo verify``                        re-check the installed files
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.geo import LEVELS, GeoInstallError, geo_dir, installed_info, layer_path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.geo", description="Batas wilayah Banten (BPS 2020)."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    inst = commands.add_parser(
        "install",
        help="pasang lapisan batas wilayah ke geo/",
        description="Pasang batas kab/kota dan kecamatan ke geo/ (atau $DASHBOARD_GEO_DIR). Sumber bawaan: "
        "$DASHBOARD_GEO_SOURCE, lalu ../shared/geo di samping repositori.",
    )
    source = inst.add_mutually_exclusive_group()
    source.add_argument(
        "--from",
        dest="from_dir",
        metavar="DIR",
        type=Path,
        help="folder berisi banten_kabkota.geojson dan banten_kecamatan.geojson "
        "(atau source/banten_desa_hdx_bps2020.geojson)",
    )
    source.add_argument("--url", help="unduh berkas desa (GeoJSON atau zip) lalu bangun lapisan")
    inst.add_argument("--sha256", help="SHA-256 yang harus dimiliki berkas unduhan")
    inst.add_argument("--dest", type=Path, help="folder tujuan (bawaan: geo/ atau $DASHBOARD_GEO_DIR)")
    inst.add_argument("--force", action="store_true", help="pasang ulang walaupun sudah terpasang")
    inst.add_argument(
        "--build",
        action="store_true",
        help="bangun dari berkas desa walaupun folder sumber berisi lapisan jadi",
    )
    inst.add_argument(
        "--reference",
        type=Path,
        metavar="DIR",
        help="folder kabkota.csv dan kecamatan.csv (bawaan: data/reference)",
    )
    inst.add_argument("--no-progress", action="store_true", help="tanpa bilah kemajuan unduhan")
    check = commands.add_parser("verify", help="periksa ulang lapisan yang terpasang")
    check.add_argument("--dest", type=Path, help="folder yang diperiksa (bawaan: geo/)")
    check.add_argument("--reference", type=Path, metavar="DIR", help="folder kabkota.csv dan kecamatan.csv")
    return parser


def _verify(dest: Path, reference_dir: Path | None) -> int:
    from dashboard.geo.download import sha256_file
    from dashboard.geo.geojson import read_layer
    from dashboard.geo.reference import load_reference
    from dashboard.geo.verify import verify_layers

    info = installed_info(dest)
    if info is None:
        print(
            f"Batas wilayah belum dipasang di {dest}. Jalankan: python -m dashboard.geo install",
            file=sys.stderr,
        )
        return 1
    problems = [
        f"{name}: hilang atau berubah (checksum tidak cocok)"
        for name, meta in info["files"].items()
        if not (dest / name).is_file() or sha256_file(dest / name) != meta["sha256"]
    ]
    if not problems:
        reference = load_reference(reference_dir)
        for display in (False, True):
            layers = [read_layer(layer_path(level, display, dest)) for level in LEVELS]
            found = verify_layers(*layers, reference, nesting=not display)
            problems += [f"{'tampilan' if display else 'rinci'}: {p}" for p in found]
    if problems:
        print("Pemeriksaan batas wilayah gagal:\n- " + "\n- ".join(problems), file=sys.stderr)
        return 1
    print(
        f"Batas wilayah di {dest} utuh: {info['features']['kabkota']} kab/kota, "
        f"{info['features']['kecamatan']} kecamatan."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit status (0 success, 1 failure, 2 usage error)."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "verify":
            return _verify(args.dest or geo_dir(), args.reference)
        from dashboard.geo.install import install
        from dashboard.geo.sources import resolve_source

        source = resolve_source(args.from_dir, args.url, args.sha256, args.build)
        install(
            source, args.dest, force=args.force, reference_dir=args.reference, progress=not args.no_progress
        )
    except GeoInstallError as exc:
        print(f"Gagal memasang batas wilayah: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Dibatalkan; berkas batas wilayah yang sudah terpasang tidak diubah.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())

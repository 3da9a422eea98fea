"""Command line: ``python -m dashboard.site build [--out site/] [--base-url URL]``."""

from __future__ import annotations

import argparse
import os
import sys

from dashboard.data.release import ReleaseError, load_newest_good
from dashboard.settings import site_dir
from dashboard.site.build import build_site

#: The public origin (``https://dasbor.example.go.id``), as ``dashboard.data.outputs`` reads it.
PUBLIC_URL_ENV = "DASHBOARD_PUBLIC_URL"


def default_base_url() -> str:
    return os.environ.get(PUBLIC_URL_ENV, "http://localhost").rstrip("/") + "/site/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.site", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="bangun halaman statis versi ringan dari rilis yang sedang terbit")
    build.add_argument("--out", default=str(site_dir()), help="folder keluaran (bawaan: $DASHBOARD_SITE_DIR atau site/)")
    build.add_argument("--base-url", default=default_base_url(),
                       help=f"alamat publik folder site/ untuk og:url dan og:image (bawaan: ${PUBLIC_URL_ENV}/site/, "
                            "mis. https://dasbor.example.go.id/site/)")
    build.add_argument("--no-kecamatan-cards", action="store_true",
                       help="kartu angka hanya untuk provinsi dan kabupaten/kota (build lebih cepat)")
    args = parser.parse_args(argv)
    try:
        served = load_newest_good()
    except ReleaseError as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        return 1
    for skipped in served.skipped:
        print(f"PERINGATAN: rilis {skipped} rusak dan dilewati", file=sys.stderr)
    report = build_site(served.release, args.out, args.base_url,
                        kecamatan_cards=not args.no_kecamatan_cards)
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Command line: ``python -m dashboard.site build [--out site/] [--base-url URL]``."""

from __future__ import annotations

import argparse
import sys

from dashboard import settings
from dashboard.data import demo
from dashboard.data.release import ReleaseError, load_newest_good
from dashboard.site.build import build_site


def main(argv: list[str] | None = None) -> int:
    conf = settings.current()
    parser = argparse.ArgumentParser(prog="python -m dashboard.site", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="bangun halaman statis versi ringan dari rilis yang sedang terbit")
    build.add_argument("--out", default=str(conf.site_dir), help="folder keluaran (bawaan: $DASHBOARD_SITE_DIR atau site/)")
    build.add_argument("--base-url", default=f"{conf.public_url}/site/",
                       help="alamat publik folder site/ untuk og:url dan og:image (bawaan: $DASHBOARD_PUBLIC_URL/site/)")
    build.add_argument("--no-kecamatan-cards", action="store_true",
                       help="kartu angka hanya untuk provinsi dan kabupaten/kota (build lebih cepat)")
    args = parser.parse_args(argv)
    try:
        served = load_newest_good(conf.releases_dir)
    except ReleaseError as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        return 1
    for skipped in served.skipped:
        print(f"PERINGATAN: rilis {skipped} dilewati: {served.reasons[skipped]}", file=sys.stderr)
    shown = demo.with_demo(served.release) if conf.demo else served.release
    report = build_site(shown, args.out, args.base_url, kecamatan_cards=not args.no_kecamatan_cards)
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())

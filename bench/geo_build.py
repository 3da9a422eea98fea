"""Boundary build time: ``python -m dashboard.geo build --from DIR``, next to reading and writing the same
villages with the same libraries.

    python -m bench.geo_build --from DIR [--repeat 3]

DIR holds the eight village files of ``geo/source_manifest.csv`` (``make geo`` leaves them in
``geo/.cache``, the default). Each repetition runs, in fresh processes and alternately: the real build into
a temporary folder, whose four layers must equal the committed ``geo/`` files byte for byte (else the
benchmark stops), and the baseline, which imports the same modules, reads the eight files with the
build's own reader (``read_villages``) and writes all villages to one GeoJSON file: what any build
costs before dissolving, simplifying and checking. Wall time and CPU time (user + system of the child)
are reported as medians. The geo tests used to assert a build under 30 s; tests no longer time anything.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.results import Results, fmt, ratio

REPO = Path(__file__).resolve().parent.parent
LAYERS = ("banten_kabkota.geojson", "banten_kecamatan.geojson", "display/kabkota.geojson", "display/kecamatan.geojson")
OLD_BUDGET_S = 30.0
BASELINE = """
import sys
from pathlib import Path
import pandas as pd, geopandas as gpd
from dashboard.geo.build import read_villages
from dashboard.geo.sources import load_manifest
folder, out = Path(sys.argv[1]), Path(sys.argv[2])
frames = [read_villages(folder / entry.file) for entry in load_manifest()]
villages = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs="EPSG:4326")
villages.to_file(out, driver="GeoJSON", engine="pyogrio")
print(len(villages))
"""


def timed(cmd: list[str]) -> tuple[float, float, str]:
    """(wall seconds, child CPU seconds, stdout) of one process; raises on a non-zero exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


def build_once(source: Path, tmp: Path) -> tuple[float, float]:
    dest = tmp / "geo"
    wall, cpu, _ = timed([sys.executable, "-m", "dashboard.geo", "build", "--from", str(source), "--dest", str(dest),
                          "--cache", str(tmp / "cache"), "--no-progress"])
    different = [n for n in LAYERS if (dest / n).read_bytes() != (REPO / "geo" / n).read_bytes()]
    if different:
        raise AssertionError(f"the build differs from the committed geo/ files: {different}")
    return wall, cpu


def baseline_once(source: Path, tmp: Path) -> tuple[float, float, int]:
    wall, cpu, out = timed([sys.executable, "-c", BASELINE, str(source), str(tmp / "villages.geojson")])
    return wall, cpu, int(out.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.geo_build", description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, default=REPO / "geo" / ".cache",
                        help="folder with the eight village files (default geo/.cache, filled by make geo)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.source.is_dir() or len(list(args.source.glob("*.geojson"))) < 8:
        parser.error(f"{args.source} does not hold the eight village files: run `make geo` or give --from DIR")
    res = Results("geo_build", "Boundary build (dashboard.geo build --from), next to reading and writing the villages",
                  f"python -m bench.geo_build --from DIR --repeat {args.repeat}",
                  ["measure", "build (checked equal to geo/)", "read + write the same villages", "ratio",
                   f"former test budget < {OLD_BUDGET_S:.0f} s"]).start()
    builds, bases, villages = [], [], 0
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="bench-geo-") as tmp:
            builds.append(build_once(args.source, Path(tmp)))
        with tempfile.TemporaryDirectory(prefix="bench-geo-") as tmp:
            *times, villages = baseline_once(args.source, Path(tmp))
            bases.append(tuple(times))
    for i, label in enumerate(("wall time", "CPU time (user + system)")):
        ours, base = statistics.median(b[i] for b in builds), statistics.median(b[i] for b in bases)
        res.add(f"{label}, median of {args.repeat}", fmt(ours, "s", 1), fmt(base, "s", 1), ratio(ours, base),
                "met" if i or ours < OLD_BUDGET_S else "over")
    res.data.update(build_s=[[round(x, 2) for x in b] for b in builds], baseline_s=[[round(x, 2) for x in b] for b in bases],
                    villages=villages)
    res.notes.append(f"{villages} villages in eight files; each run a fresh Python process (imports included).")
    res.finish().print()
    print(f"written: {res.save()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``python -m dashboard.geo build``: get the eight village files, build the layers, check them, write geo/.

Nothing in the destination changes until the four layers and ``SOURCES.md`` have been built and have passed
:func:`dashboard.geo.verify.verify_layers` and the size limits. They are written to a temporary folder next
to the destination and then renamed into place one by one (``SOURCES.md`` last, so ``verify`` notices a
replacement cut off half-way); a file whose bytes did not change is not touched. A failure at any step
leaves the destination byte for byte as it was.
"""

from __future__ import annotations

import gzip
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dashboard.geo import (
    LAYER_FILES,
    LEVELS,
    REFERENCE_DIR,
    SOURCES_FILE,
    GeoBuildError,
    geo_dir,
    relative_layer_path,
)
from dashboard.geo.sources import SourceFile, check_coverage, describe, load_manifest

#: Gzipped size limits (bytes) of each layer; a build exceeding one is refused (the app sends the display
#: layers to phones; the detailed ones are committed to git).
GZIP_LIMIT = {
    "banten_kabkota.geojson": 160_000,
    "banten_kecamatan.geojson": 480_000,
    "display/kabkota.geojson": 30_000,
    "display/kecamatan.geojson": 120_000,
}
REFERENCE_FILES = ("kabkota.csv", "kecamatan.csv")


@dataclass
class BuildResult:
    """Outcome of :func:`build`: the destination and the files whose bytes changed there."""

    dest: Path
    changed: list[str]


def settings() -> dict:
    """The pipeline settings recorded in ``SOURCES.md``."""
    from dashboard.geo import build

    return {
        "min_part_area_m2": build.MIN_PART_AREA_M2,
        "simplify_tolerance_deg": build.SIMPLIFY_TOLERANCE,
        "precision": build.PRECISION,
        "display_tolerance_deg": ", ".join(f"{k} {v}" for k, v in build.DISPLAY_TOLERANCE.items()),
        "display_precision": build.DISPLAY_PRECISION,
        "metric_crs": build.UTM_CRS,
    }


def _versions() -> dict:
    import numpy
    import shapely

    return {  # what the coordinates depend on (pinned in requirements.lock); not the Python version
        "shapely": shapely.__version__,
        "GEOS": shapely.geos_version_string,
        "numpy": numpy.__version__,
    }


def read_inputs(paths: list[Path], entries: list[SourceFile], names: dict[str, str]):
    """Villages of all files, each file required to hold villages of its own kab/kota only."""
    import geopandas as gpd
    import pandas as pd

    from dashboard.geo.build import read_villages

    frames = []
    for path, entry in zip(paths, entries, strict=True):
        try:
            villages = read_villages(path)
        except Exception as exc:  # pyogrio/GDAL raise various types for unreadable input
            raise GeoBuildError(
                f"{describe(entry, names)} tidak bisa dibaca sebagai batas desa: {exc}."
            ) from exc
        if stray := sorted(set(villages["kode_kabkota"]) - {entry.kabkota}):
            raise GeoBuildError(
                f"{describe(entry, names)} berisi desa kab/kota lain ({', '.join(stray)}); "
                "berkas dan manifes tidak cocok."
            )
        frames.append(villages)
    villages = pd.concat(frames, ignore_index=True).sort_values("kode_desa", kind="stable", ignore_index=True)
    return gpd.GeoDataFrame(villages, geometry="geometry", crs="EPSG:4326")


def build_files(villages, reference) -> tuple[dict[str, bytes], dict[str, int], list[str]]:
    """Run the pipeline; return ``({relative path: bytes}, {relative path: features}, problems)``.

    The detailed layers are verified as written (read back from their bytes), and the display layers are
    built from what was read back, so the checks see exactly what is committed.
    """
    from dashboard.geo.build import (
        DISPLAY_PRECISION,
        KABKOTA_PROPERTIES,
        KECAMATAN_PROPERTIES,
        PRECISION,
        build_display,
        build_layers,
    )
    from dashboard.geo.geojson import layer_from_bytes, layer_to_bytes
    from dashboard.geo.verify import verify_layers

    props = {"kabkota": KABKOTA_PROPERTIES, "kecamatan": KECAMATAN_PROPERTIES}
    keys = {"kabkota": "kode_bps", "kecamatan": "kode"}
    built = dict(zip(LEVELS, build_layers(villages, reference), strict=True))
    files = {relative_layer_path(lv, False): layer_to_bytes(built[lv], props[lv], PRECISION) for lv in LEVELS}
    detailed = [layer_from_bytes(files[relative_layer_path(lv, False)]) for lv in LEVELS]
    problems = [f"rinci: {p}" for p in verify_layers(*detailed, reference)]
    if problems:  # no display layers from a broken coverage
        return files, {}, problems
    shown = dict(zip(LEVELS, build_display(*detailed), strict=True))
    for lv in LEVELS:
        files[relative_layer_path(lv, True)] = layer_to_bytes(shown[lv], props[lv], DISPLAY_PRECISION, keys[lv])
    display = [layer_from_bytes(files[relative_layer_path(lv, True)]) for lv in LEVELS]
    problems += [f"tampilan: {p}" for p in verify_layers(*display, reference, nesting=False)]
    for name, data in files.items():
        if (size := len(gzip.compress(data, mtime=0))) > GZIP_LIMIT[name]:
            problems.append(f"{name}: {size:,} byte setelah gzip, batas {GZIP_LIMIT[name]:,}".replace(",", "."))
    counts = {name: len(detailed[LEVELS.index("kabkota" if "kabkota" in name else "kecamatan")]) for name in files}
    return files, counts, problems


def _write(files: dict[str, bytes], dest: Path) -> list[str]:
    """Write ``files`` into ``dest`` through a temporary folder beside it; return the names that changed."""
    changed = [n for n, data in files.items() if not (dest / n).is_file() or (dest / n).read_bytes() != data]
    if not changed:
        return []
    dest.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{dest.name}-build-", dir=dest.parent))
    try:
        for name in changed:
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            (work / name).write_bytes(files[name])
        for name in sorted(changed, key=lambda n: n == SOURCES_FILE):  # SOURCES.md last
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(work / name, dest / name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return changed


def build(
    dest: Path | None = None,
    from_dir: Path | None = None,
    manifest: Path | None = None,
    cache_dir: Path | None = None,
    reference_dir: Path | None = None,
    progress: bool = True,
    echo: Callable[[str], None] = print,
) -> BuildResult:
    """Build the four layers and ``SOURCES.md`` from the manifest's village files into ``dest``.

    Parameters
    ----------
    dest : Path, optional
        Destination folder; defaults to :func:`dashboard.geo.geo_dir` (``geo/``).
    from_dir : Path, optional
        Folder holding the manifest's files (``--from``); without it they are downloaded.
    manifest : Path, optional
        Manifest CSV; defaults to ``geo/source_manifest.csv``.
    cache_dir : Path, optional
        Download cache; defaults to ``<dest>/.cache``.
    reference_dir : Path, optional
        Folder with ``kabkota.csv`` and ``kecamatan.csv``; defaults to ``data/reference``.
    progress : bool, default True
        Progress bar for downloads (on a terminal).
    echo : callable, default print
        Receives the messages for the user (Indonesian).

    Returns
    -------
    BuildResult

    Raises
    ------
    GeoBuildError
        Bad manifest, failed or wrong download, unreadable file, failed check; ``dest`` is left untouched.
    """
    from dashboard.geo import record
    from dashboard.geo.download import download_inputs, local_inputs
    from dashboard.geo.reference import load_reference

    dest = Path(dest) if dest is not None else geo_dir()
    reference_dir = Path(reference_dir) if reference_dir is not None else REFERENCE_DIR
    reference = load_reference(reference_dir)
    names = dict(zip(reference.kabkota["kode_bps"], reference.kabkota["nama"], strict=True))
    entries = load_manifest(manifest)
    check_coverage(entries, names, manifest)
    if from_dir is not None:
        echo(f"Memeriksa {len(entries)} berkas desa di {from_dir}...")
        inputs = local_inputs(entries, Path(from_dir), names)
    else:
        inputs = download_inputs(entries, Path(cache_dir) if cache_dir else dest / ".cache", names, progress, echo)
    echo(f"Membangun batas kecamatan dan kab/kota dari {len(entries)} berkas desa...")
    files, counts, problems = build_files(read_inputs(inputs, entries, names), reference)
    if problems:
        raise GeoBuildError("Pemeriksaan batas wilayah gagal:\n- " + "\n- ".join(problems))
    inputs_facts = [
        record.FileFacts(e.file, e.size, e.sha256, note=f"{e.kabkota} {names[e.kabkota]}") for e in entries
    ]
    refs = [record.FileFacts.of(f"data/reference/{n}", (reference_dir / n).read_bytes()) for n in REFERENCE_FILES]
    outputs = [record.FileFacts.of(n, files[n], counts[n]) for n in LAYER_FILES]
    text = record.render(inputs_facts, refs, settings(), _versions(), outputs)
    files[SOURCES_FILE] = text.encode("utf-8")
    changed = _write(files, dest)
    kab, kec = counts[LAYER_FILES[0]], counts[LAYER_FILES[1]]
    echo(f"Batas wilayah di {dest}: {kab} kab/kota, {kec} kecamatan; "
         + (f"{len(changed)} berkas diperbarui." if changed else "tidak ada yang berubah (hasil sama byte demi byte)."))
    for facts in outputs:
        echo(f"  {facts.name}: {facts.data_bytes:,} byte ({facts.gzip_bytes:,} byte gzip)".replace(",", "."))
    return BuildResult(dest, changed)

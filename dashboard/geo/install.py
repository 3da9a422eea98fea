"""Install step: pick a source, build or copy the layers, verify them, then move them into ``geo/``.

Nothing in the destination changes until every new file has been written to a temporary folder next to it
and has passed :func:`dashboard.geo.verify.verify_layers`; a failed download or check leaves the installed
files exactly as they were. ``INSTALLED.json`` is removed first and written last, so an install cut off
half-way is never mistaken for a complete one.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from dashboard.geo import (
    ATTRIBUTION,
    ATTRIBUTION_EN,
    INSTALLED_FILE,
    LICENSE,
    LICENSE_URL,
    REFERENCE_DIR,
    GeoInstallError,
    geo_dir,
    relative_layer_path,
)
from dashboard.geo.download import HDX_DATASET_URL, sha256_file
from dashboard.geo.sources import LAYER_FILES, VILLAGE_FILE, Source, source_key

#: Gzipped size limits (bytes) of the display layers; an install exceeding them is refused.
DISPLAY_GZIP_LIMIT = {"kabkota": 30_000, "kecamatan": 120_000}
FILES = [
    relative_layer_path(level, display) for display in (False, True) for level in ("kabkota", "kecamatan")
]


@dataclass
class InstallResult:
    """Outcome of :func:`install`: ``changed`` is False when the install was already up to date."""

    dest: Path
    changed: bool
    record: dict = field(default_factory=dict)


def _settings(reference_dir: Path) -> dict:
    from dashboard.geo import build

    return {
        "simplify_tolerance_deg": build.SIMPLIFY_TOLERANCE,
        "precision": build.PRECISION,
        "min_part_area_m2": build.MIN_PART_AREA_M2,
        "display_tolerance_deg": build.DISPLAY_TOLERANCE,
        "display_precision": build.DISPLAY_PRECISION,
        "reference_sha256": {n: sha256_file(reference_dir / n) for n in ("kabkota.csv", "kecamatan.csv")},
    }


def is_up_to_date(dest: Path, source_key: dict, settings: dict) -> bool:
    """True when INSTALLED.json records this source and settings and every file's checksum verifies."""
    try:
        record = json.loads((dest / INSTALLED_FILE).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return False
    if record.get("source") != source_key or record.get("settings") != settings:
        return False
    files = record.get("files", {})
    return set(files) == set(FILES) and all(
        (dest / name).is_file() and sha256_file(dest / name) == info.get("sha256")
        for name, info in files.items()
    )


def _prepare(source: Source, key: dict, work: Path, dest: Path, reference, progress: bool) -> None:
    """Put the two detailed layers into ``work`` (copied, or built from the village file)."""
    from dashboard.geo.build import (
        KABKOTA_PROPERTIES,
        KECAMATAN_PROPERTIES,
        PRECISION,
        build_layers,
        read_villages,
    )
    from dashboard.geo.download import download, village_dataset
    from dashboard.geo.geojson import layer_to_bytes

    if key["method"] == "copy":
        for name in LAYER_FILES.values():
            shutil.copyfile(Path(source.location) / name, work / name)
        return
    if source.kind == "url":
        village = download(source.location, dest / ".cache", source.sha256, progress)
    else:
        village = Path(source.location) / VILLAGE_FILE
    try:
        villages = read_villages(village_dataset(village))
    except Exception as exc:  # pyogrio/GDAL raise various types for unreadable input
        if source.kind == "url":
            village.unlink(missing_ok=True)  # do not keep a corrupt file in the cache
        if isinstance(exc, GeoInstallError):
            raise
        raise GeoInstallError(
            f"Berkas sumber batas wilayah rusak atau bukan data batas desa ({village.name}); berkas yang "
            f"sudah terpasang tidak diubah. Rincian: {exc}"
        ) from exc
    kab, kec = build_layers(villages, reference)
    (work / LAYER_FILES["kabkota"]).write_bytes(layer_to_bytes(kab, KABKOTA_PROPERTIES, PRECISION))
    (work / LAYER_FILES["kecamatan"]).write_bytes(layer_to_bytes(kec, KECAMATAN_PROPERTIES, PRECISION))


def _build_and_check(work: Path, reference) -> dict[str, int]:
    """Verify the detailed layers in ``work``, write and verify the display layers; return feature counts."""
    from dashboard.geo.build import DISPLAY_PRECISION, KABKOTA_PROPERTIES, KECAMATAN_PROPERTIES, build_display
    from dashboard.geo.geojson import layer_to_bytes, read_layer
    from dashboard.geo.verify import verify_layers

    kab, kec = (read_layer(work / LAYER_FILES[level]) for level in ("kabkota", "kecamatan"))
    problems = verify_layers(kab, kec, reference)
    if not problems:
        (work / "display").mkdir()
        shown = build_display(kab, kec)
        for level, layer, props, key in zip(
            ("kabkota", "kecamatan"),
            shown,
            (KABKOTA_PROPERTIES, KECAMATAN_PROPERTIES),
            ("kode_bps", "kode"),
            strict=True,
        ):
            data = layer_to_bytes(layer, props, DISPLAY_PRECISION, id_property=key)
            (work / relative_layer_path(level, True)).write_bytes(data)
            if (size := len(gzip.compress(data))) > DISPLAY_GZIP_LIMIT[level]:
                problems.append(
                    f"lapisan tampilan {level}: {size:,} byte setelah gzip, batas {DISPLAY_GZIP_LIMIT[level]:,}"
                )
        display = [read_layer(work / relative_layer_path(level, True)) for level in ("kabkota", "kecamatan")]
        problems += [f"tampilan: {p}" for p in verify_layers(*display, reference, nesting=False)]
    if problems:
        raise GeoInstallError(
            "Verifikasi batas wilayah gagal; berkas lama tidak diubah:\n- " + "\n- ".join(problems)
        )
    return {"kabkota": len(kab), "kecamatan": len(kec)}


def _record(source: Source, key: dict, settings: dict, work: Path, counts: dict) -> dict:
    return {
        "format_version": 1,
        "installed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "source": key,
        "settings": settings,
        "files": {
            name: {
                "sha256": sha256_file(work / name),
                "bytes": (work / name).stat().st_size,
                "gzip_bytes": len(gzip.compress((work / name).read_bytes())),
                "features": counts["kabkota" if "kabkota" in name else "kecamatan"],
            }
            for name in FILES
        },
        "features": counts,
        "data": "BPS / OCHA ROAP, Indonesia COD-AB (edisi BPS 2020, berlaku 2020-04-01), via HDX",
        "dataset_url": HDX_DATASET_URL,
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "attribution": ATTRIBUTION,
        "attribution_en": ATTRIBUTION_EN,
    }


def _move_into_place(work: Path, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "display").mkdir(exist_ok=True)
    (dest / INSTALLED_FILE).unlink(missing_ok=True)
    for name in [*FILES, INSTALLED_FILE]:
        os.replace(work / name, dest / name)


def install(
    source: Source,
    dest: Path | None = None,
    force: bool = False,
    reference_dir: Path | None = None,
    progress: bool = True,
    echo: Callable[[str], None] = print,
) -> InstallResult:
    """Install the boundary layers into ``dest`` (default :func:`dashboard.geo.geo_dir`).

    Parameters
    ----------
    source : Source
        From :func:`dashboard.geo.sources.resolve_source`.
    dest : Path, optional
        Destination folder.
    force : bool, default False
        Reinstall even when INSTALLED.json says the same source is installed and the files verify.
    reference_dir : Path, optional
        Folder with ``kabkota.csv`` and ``kecamatan.csv``; defaults to ``data/reference``.
    progress : bool, default True
        Progress bar for downloads.
    echo : callable, default print
        Receives the messages for the user (Indonesian).

    Returns
    -------
    InstallResult

    Raises
    ------
    GeoInstallError
        Download, read or verification failure; ``dest`` is left untouched.
    """
    from dashboard.geo.reference import load_reference

    dest = Path(dest) if dest is not None else geo_dir()
    reference_dir = Path(reference_dir) if reference_dir is not None else REFERENCE_DIR
    key, settings = source_key(source), _settings(reference_dir)
    if not force and is_up_to_date(dest, key, settings):
        echo(
            f"Batas wilayah sudah terpasang dan utuh di {dest} ({source.describe()}); tidak ada yang diubah. "
            "Pakai --force untuk memasang ulang."
        )
        return InstallResult(dest, False, json.loads((dest / INSTALLED_FILE).read_text(encoding="utf-8")))
    reference = load_reference(reference_dir)
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{dest.name}-install-", dir=dest.parent))
    try:
        echo(
            f"Memasang batas wilayah dari {source.describe()} ({'salin' if key['method'] == 'copy' else 'bangun'})..."
        )
        _prepare(source, key, work, dest, reference, progress)
        counts = _build_and_check(work, reference)
        record = _record(source, key, settings, work, counts)
        (work / INSTALLED_FILE).write_text(
            json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        _move_into_place(work, dest)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    echo(f"Batas wilayah terpasang di {dest}: {counts['kabkota']} kab/kota, {counts['kecamatan']} kecamatan.")
    for name, info in record["files"].items():
        echo(f"  {name}: {info['bytes']:,} byte ({info['gzip_bytes']:,} byte gzip)".replace(",", "."))
    return InstallResult(dest, True, record)

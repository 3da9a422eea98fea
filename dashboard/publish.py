"""Publishing, in one place above the layers: a release, then everything derived from it (and the
content-addressed map files the app writes for its kecamatan maps).

After a release is published (``python -m dashboard.data init`` or ``publish FILE``) the outputs
derived from it are written: the open-data package at stable URLs (always from the published release:
generated demonstration data is never open data) and the light static edition (from the release
the configured mode serves, so the demonstration mode's light pages carry its banner). Both can be
rebuilt at any time with ``python -m dashboard.data outputs``.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from dashboard import settings
from dashboard.data import demo, release
from dashboard.logic import opendata
from dashboard.site import build as site_build


def outputs_present() -> bool:
    return (settings.opendata_dir() / "datapackage.json").exists()


def write_outputs(opendata_dir: Path | None = None, site_dir: Path | None = None) -> dict[str, str]:
    """Write the open-data package and the light pages of the newest good release.

    Returns a short description of what was written, per output. Raises
    :class:`dashboard.data.release.ReleaseError` when the package does not validate.
    """
    conf = settings.current()
    published = release.load_newest_good(conf.releases_dir).release
    out = opendata_dir or conf.opendata_dir
    opendata.write_data_package(published.statistics, out, published.release_id, published.published_at)
    problems = opendata.validate_data_package(out)
    if problems:
        raise release.ReleaseError("Paket data terbuka tidak valid: " + "; ".join(problems))
    written = {"data terbuka": str(out)}
    if not conf.light_pages:
        return written
    shown = demo.with_demo(published) if conf.demo else published
    target = site_dir or conf.site_dir
    site_build.build_site(shown, target, base_url=f"{conf.public_url}/site/")
    written["halaman ringan"] = str(target)
    return written


def write_map(html_text: str, folder: Path) -> str:
    """Write an interactive map as ``<folder>/<content hash>.html``; return its ``/app/static/maps/`` URL.

    A file rather than inline HTML: its scripts are built from data (escaped, tested), so production
    serves that folder under a sandboxing CSP of its own (docs/deploy.md). The name is the content's
    hash, so workers write identical bytes and a file never changes; the rename means a reader never
    sees half of it.
    """
    name = hashlib.sha256(html_text.encode("utf-8")).hexdigest()[:24] + ".html"
    target = folder / name
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(html_text, encoding="utf-8")
        os.replace(tmp, target)
    return f"/app/static/maps/{name}"

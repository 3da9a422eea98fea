"""What every publication writes besides the release itself: the open-data package at stable
URLs and the light static edition. Called after ``init`` and after every staff ``publish``; both
outputs are derived from the release, so they can always be rebuilt with
``python -m dashboard.data outputs``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from dashboard.data import release
from dashboard.paths import opendata_dir, site_dir

log = logging.getLogger(__name__)


def write_outputs(opendata: Path | None = None, site: Path | None = None) -> dict[str, str]:
    """Write the open-data package and the light pages of the newest good release.

    Returns a short description of what was written, per output.
    """
    from dashboard.logic import opendata as package  # noqa: PLC0415 (keeps `init` light to import)

    served = release.load_newest_good().release
    written = {}
    out = opendata or opendata_dir()
    package.write_data_package(served.statistics, out, served.release_id, served.published_at)
    problems = package.validate_data_package(out)
    if problems:
        raise release.ReleaseError("Paket data terbuka tidak valid: " + "; ".join(problems))
    written["data terbuka"] = str(out)
    if os.environ.get("DASHBOARD_LIGHT_PAGES", "1") == "0":  # tests of other parts skip the ~10 s build
        return written
    try:
        from dashboard.site import build as site_build  # noqa: PLC0415
    except ImportError:  # the light edition is optional for a staff machine without it
        log.warning("light edition not built: dashboard.site is not available")
        return written
    target = site or site_dir()
    public = os.environ.get("DASHBOARD_PUBLIC_URL", "http://localhost").rstrip("/")
    site_build.build_site(served, target, base_url=f"{public}/site/")
    written["halaman ringan"] = str(target)
    return written

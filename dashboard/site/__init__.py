"""The light edition: plain static HTML pages in Bahasa Indonesia, pre-rendered at each release.

Streamlit costs ~2.9 MB gzipped on a first visit (field notes); citizens open links shared on
WhatsApp on cheap phones over weak mobile data. This package renders, from one release, a landing
page, eight kab/kota profiles and one card per displayed figure: no JavaScript, no external
resources, an inline SVG map, Open Graph previews. Pure Python (no streamlit).

``python -m dashboard.site build [--out site/] [--base-url URL]``; from code, :func:`build_site`.
"""

from __future__ import annotations

from dashboard.site.build import DEFAULT_BASE_URL, BuildReport, build_site

__all__ = ["DEFAULT_BASE_URL", "BuildReport", "build_site"]

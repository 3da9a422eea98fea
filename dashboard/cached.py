"""The one caching module. Everything expensive is built once per data release and shared read-only
by all sessions (``st.cache_resource``: no per-hit unpickling, field notes: 80 ms -> 0.02 ms for a
GeoJSON dict). Keys are small hashable values: the release id, file paths and modification times,
series codes. Callers must treat what they get as read-only.
"""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.data import provenance
from dashboard.data import release as releases
from dashboard.logic import (
    briefing,
    briefing_slides,
    charts,
    citation,
    derive,
    fmt,
    method_view,
    psks_stats,
    roster_view,
    search,
    views,
)
from dashboard.logic import briefing_html as briefing_doc
from dashboard.logic.i18n import t
from dashboard.paths import geo_dir, maps_dir, releases_dir


def _pointer_key() -> tuple[str, float]:
    pointer = releases_dir() / "CURRENT"
    try:
        return pointer.read_text(encoding="utf-8").strip(), pointer.stat().st_mtime
    except OSError:
        return "", 0.0


@st.cache_resource(show_spinner=False, max_entries=2)
def _served(pointer: str, mtime: float, root: str) -> releases.Served:
    return releases.load_newest_good(Path(root))


def served() -> releases.Served:
    """The newest good release (re-read only when ``CURRENT`` changes)."""
    pointer, mtime = _pointer_key()
    return _served(pointer, mtime, str(releases_dir()))


def stats() -> pd.DataFrame:
    return served().release.statistics


def release_id() -> str:
    return served().release.release_id


#: Unfrozen long-lived objects tolerated before they are frozen too (a cache fill adds thousands).
GC_REFREEZE_OBJECTS = 20_000


def freeze_gc() -> None:
    """Keep long-lived objects out of the collector's sight, cheaply, after every run.

    Streamlit runs a full ``gc.collect(2)`` after every script run; without this it rescans the
    ~124k objects from importing pandas/plotly/geopandas and everything the caches hold, every time
    (field notes: 2.2-2.4x more reruns/s). Counting the unfrozen oldest generation is cheap because
    it stays small; when caches have filled it (a new release, new choices) it is collected once and
    frozen, so garbage is never frozen.
    """
    if len(gc.get_objects(generation=2)) > GC_REFREEZE_OBJECTS:
        gc.collect()
        gc.freeze()


def _layer_path(level: str) -> Path:
    display = geo_dir() / "display" / f"{level}.geojson"
    return display if display.exists() else geo_dir() / f"banten_{level}.geojson"


@st.cache_resource(show_spinner=False, max_entries=4)
def _layer(path: str, mtime: float) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def geo_layer(level: str) -> dict | None:
    """The display boundary layer (``kabkota`` or ``kecamatan``), or None when not installed."""
    path = _layer_path(level)
    if not path.exists():
        return None
    return _layer(str(path), path.stat().st_mtime)


@st.cache_resource(show_spinner=False, max_entries=4)
def _shapes(path: str, mtime: float, key: str) -> dict:
    level = "kabkota" if key == "kode_bps" else "kecamatan"
    return charts.outlines(_layer(path, mtime), key, OUTLINE_TOLERANCE[level])


def shapes(level: str) -> dict | None:
    """Region outlines for the Plotly maps, or None when boundaries are not installed."""
    path = _layer_path(level)
    if not path.exists():
        return None
    return _shapes(str(path), path.stat().st_mtime, "kode_bps" if level == "kabkota" else "kode")


#: Simplification of the Plotly map outlines per level, in degrees (about a pixel on a phone).
OUTLINE_TOLERANCE = {"kabkota": 0.004, "kecamatan": 0.0015}


@st.cache_resource(show_spinner=False, max_entries=2)
def series_catalogue(rid: str) -> pd.DataFrame:
    return derive.series_catalogue(stats())


@st.cache_resource(show_spinner=False, max_entries=2)
def headlines(rid: str) -> pd.DataFrame:
    return derive.headlines(stats())


@st.cache_resource(show_spinner=False, max_entries=4)
def population(rid: str, series: str) -> derive.Population:
    return derive.population(stats(), series)


def geo_stamp() -> str:
    """Changes when boundaries are installed, removed or replaced: part of every map cache key."""
    paths = [_layer_path(level) for level in ("kabkota", "kecamatan")]
    return "|".join(f"{p}:{p.stat().st_mtime}" if p.exists() else "-" for p in paths)


def map_view(rid: str, indicator: str, program: str, year: int, level: str, measure: str, method: str,
             within: str, lang: str) -> dict:
    """Everything one map view shows (see :func:`_map_view`); keyed by the boundaries too."""
    return _map_view(rid, indicator, program, year, level, measure, method, within, lang, geo_stamp())


@st.cache_resource(show_spinner=False, max_entries=512)
def _map_view(rid: str, indicator: str, program: str, year: int, level: str, measure: str, method: str,
              within: str, lang: str, geo: str) -> dict:
    """Everything one map view shows: the table, its classes, the map and bar figures.

    Built once per (release, choice) and shared by every session; ``measure`` is ``count``,
    ``rate_1000`` or ``rate_10000``.
    """
    return views.map_view(stats(), indicator, program, year, level, measure, method, within or None, lang,
                          population(rid, "sp2020"), shapes(level), release_published(rid))


def release_published(rid: str) -> str:
    return fmt.long_date(served().release.published_at)


@st.cache_resource(show_spinner=False, max_entries=256)
def trend_view(rid: str, indicator: str, program: str, codes: tuple[str, ...], lang: str) -> dict:
    return views.trend_view(stats(), indicator, program, list(codes), lang, release_published(rid))


@st.cache_resource(show_spinner=False, max_entries=2)
def roster(rid: str) -> pd.DataFrame:
    return served().release.roster


@st.cache_resource(show_spinner=False, max_entries=16)
def region_profile(rid: str, code: str) -> pd.DataFrame:
    return derive.region_profile(stats(), code)


@st.cache_resource(show_spinner=False, max_entries=32)
def profile_view(rid: str, code: str, lang: str) -> dict:
    return views.profile_view(region_profile(rid, code), lang)


@st.cache_resource(show_spinner=False, max_entries=16)
def profile_csv(rid: str, code: str) -> bytes:
    frame = region_profile(rid, code).assign(kode_wilayah=code)
    return views.csv_bytes(views.label_contoh(frame))


# --- PSKS and Data & Metodologi pages -------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=32)
def psks_overview(rid: str, year: int, lang: str) -> dict:
    """PSKS counts of one year: people by type (figure + sentence) and the type x kab/kota table."""
    return psks_stats.overview(stats(), year, lang, release_published(rid))


@st.cache_resource(show_spinner=False, max_entries=2)
def revisions(rid: str) -> pd.DataFrame:
    """The revision log, latest entries first. It only grows when a release is published, and a
    release changes ``rid``, so the release id is the key."""
    return method_view.latest_first(releases.revisions(releases_dir()))


@st.cache_resource(show_spinner=False, max_entries=4)
def method_tables(rid: str, lang: str) -> dict:
    """Glossary, indicators, resmi sources and data-quality notes of the served release."""
    return method_view.tables(stats(), lang)


@st.cache_resource(show_spinner=False, max_entries=2)
def _provenance(files: tuple[tuple[str, float], ...]) -> dict:
    paths = [Path(p) for p, _ in files]
    return {"files": method_view.data_files_table(paths, provenance.read_meta), "problems": provenance.problems()}


def provenance_report() -> dict:
    """Every data file with its provenance, and the provenance problems (hashing every file is
    done once per set of file modification times, not on every rerun)."""
    return _provenance(tuple((str(p), p.stat().st_mtime) for p in provenance.data_files()))


@st.cache_resource(show_spinner=False, max_entries=2)
def briefing_choices(rid: str):
    """What the briefing URL may ask for (programmes, kab/kota, years) in this release."""
    return briefing.choices(stats())


@st.cache_resource(show_spinner=False, max_entries=32)
def briefing_html(rid: str, programs: tuple[str, ...], kode: str, tahun: int | None, tema: str, detik: int,
                  lang: str, public_url: str) -> str:
    """The whole briefing slide set as one HTML document, built once per (release, slide set).

    The slides rotate in the browser, so a screen showing them all day costs the server nothing
    after this: no reruns, no new objects.
    """
    params = briefing.Params(programs, kode, tahun, tema, detik, lang)
    data_per = fmt.long_date(served().release.published_at, lang)
    slides = briefing_slides.build_slides(stats(), params, briefing_choices(rid), data_per, public_url)
    return briefing_doc.document(slides, params, geo_layer("kabkota"))


def kecamatan_map_url(rid: str, indicator: str, program: str, year: int, method: str, within: str,
                      lang: str) -> str | None:
    """URL of the folium kecamatan map for one choice (``/app/static/maps/<hash>.html``), or None
    without boundaries; see :func:`dashboard.logic.views.publish_map` for why it is a file."""
    return _kecamatan_map_url(rid, indicator, program, year, method, within, lang, geo_stamp())


@st.cache_resource(show_spinner=False, max_entries=128)
def _kecamatan_map_url(rid: str, indicator: str, program: str, year: int, method: str, within: str,
                       lang: str, geo: str) -> str | None:
    # Built once per choice (folium costs 100-400 ms) and shared; its stable ids re-send nothing.

    layer = geo_layer("kecamatan")
    if layer is None:
        return None
    view = map_view(rid, indicator, program, year, "kecamatan", "count", method, within, lang)
    return views.publish_map(views.kecamatan_map_html(view, layer, within, lang), maps_dir())


@st.cache_resource(show_spinner=False, max_entries=2)
def search_index(rid: str):
    """The Cari Angka search index, built once per release (~40 ms)."""
    return search.build_index(stats())


@st.cache_resource(show_spinner=False, max_entries=4096)
def figure_card(rid: str, fig_id: str, lang: str) -> dict:
    """Everything one figure card shows (5-25 ms to build, mostly the related notes)."""
    index = search_index(rid)
    return citation.figure_card(index.stats, index.figure(fig_id), lang)


@st.cache_resource(show_spinner=False, max_entries=256)
def roster_filtered(rid: str, flt) -> pd.DataFrame:
    """The public roster under one filter (a frozen RosterFilter), shared read-only by all sessions."""
    return roster_view.filter_roster(roster(rid), flt)


@st.cache_resource(show_spinner=False, max_entries=256)
def roster_kecamatan_counts(rid: str, flt, lang: str) -> pd.DataFrame:
    return roster_view.kecamatan_counts(roster(rid), flt, lang)


@st.cache_resource(show_spinner=False, max_entries=512)
def roster_page(rid: str, flt, page_no: int, lang: str):
    """One page of the filtered roster, with its display rows (the 25 rows the browser receives)."""

    page = roster_view.page_slice(roster_filtered(rid, flt), page_no)
    labels = {s: t(f"psks.status_{s.replace(' ', '_')}", lang) for s in roster_view.STATUSES}
    shown = roster_view.display_rows(page.rows, lang, labels)
    return page, shown.rename(columns={c: t(f"psks.col_{c}", lang) for c in roster_view.DISPLAY_COLUMNS})

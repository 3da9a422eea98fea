"""The one caching module: everything expensive is built once per release and choice and shared
read-only by all sessions (``st.cache_resource``: no per-hit unpickling, field notes). Every builder
takes the release id ``rid`` and loads that release by id (:func:`release`), never "the current one",
so a cache entry never holds another release's data; only :func:`served` reads ``CURRENT``.
"""

from __future__ import annotations

import functools
import gc
import itertools
import json
import threading
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import geo, publish, settings
from dashboard.briefing import deck
from dashboard.data import demo, provenance
from dashboard.data import release as releases
from dashboard.logic import charts, regionmap, roster_view, search, series
from dashboard.logic.series import SeriesKey
from dashboard.text import fmt
from dashboard.text.i18n import t
from dashboard.viewmodel import briefing, briefing_slides, figure, home, mapview, method, profile, psks, trend
from dashboard.viewmodel import missing as gaps

_filled = threading.Event()
_filled.set()  # importing the app made long-lived objects too: the first run freezes them
REFREEZE_RUNS = 200  # runs between freezes at most: pandas keeps ~500 dead weakrefs per cached block
_runs = itertools.count(1)


def _resource(**options):
    """``st.cache_resource`` whose builder notes that it made new long-lived objects (see freeze_gc)."""
    def decorate(build):
        @functools.wraps(build)
        def filled(*args, **kwargs):
            value = build(*args, **kwargs)
            _filled.set()
            return value
        return st.cache_resource(**options)(filled)
    return decorate


@_resource(show_spinner=False, max_entries=4)
def _release(root: str, rid: str) -> releases.Release:
    base_id, is_demo = demo.split_id(rid)
    loaded = releases.load_release(base_id, Path(root))
    return demo.with_demo(loaded) if is_demo else loaded


@_resource(show_spinner=False, max_entries=4)
def _served(root: str, pointer: str, mtime: float, mode: str) -> releases.Served:
    def load(rid: str) -> releases.Release:
        return _release(root, demo.demo_id(rid) if mode == "contoh" else rid)

    return releases.load_newest_good(Path(root), load)


def served() -> releases.Served:
    """The newest good release in the configured mode (re-read only when ``CURRENT`` changes)."""
    conf = settings.current()
    pointer = conf.releases_dir / "CURRENT"
    try:
        text, mtime = pointer.read_text(encoding="utf-8").strip(), pointer.stat().st_mtime
    except OSError:
        text, mtime = "", 0.0
    return _served(str(conf.releases_dir), text, mtime, conf.mode)


def release_id() -> str:
    """The id a page run asks every builder for (read once at the top of the page)."""
    return served().release.release_id


def release(rid: str) -> releases.Release:
    """The release with this id (immutable; loaded once)."""
    return _release(str(settings.releases_dir()), rid)


def stats(rid: str) -> pd.DataFrame:
    return release(rid).statistics


def data_per(rid: str, lang: str) -> str:
    return fmt.long_date(release(rid).published_at, lang)


def freeze_gc() -> None:
    """After a run that filled a cache (or REFREEZE_RUNS runs), collect once and freeze what is left: Streamlit's
    post-run ``gc.collect(2)`` then skips long-lived objects (field notes: 2.2-2.4x more reruns/s)."""
    if _filled.is_set() or next(_runs) % REFREEZE_RUNS == 0:
        _filled.clear()
        gc.collect()
        gc.freeze()


def _layer_path(level: str) -> Path:
    display = geo.layer_path(level, display=True)
    return display if display.exists() else geo.layer_path(level, display=False)


@_resource(show_spinner=False, max_entries=4)
def _layer(path: str, mtime: float) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def geo_layer(level: str) -> dict | None:
    """The display boundary layer (``kabkota`` or ``kecamatan``), or None when absent."""
    path = _layer_path(level)
    return _layer(str(path), path.stat().st_mtime) if path.exists() else None


@_resource(show_spinner=False, max_entries=4)
def _kabkota_drawing(path: str, mtime: float) -> regionmap.Projected:
    """The kab/kota outlines as the tappable map's SVG paths (projected once per layer file)."""
    return regionmap.project(charts.outlines(_layer(path, mtime), "kode_bps", regionmap.OUTLINE_TOLERANCE))


def geo_stamp() -> str:
    """Changes when boundaries are installed, removed or replaced: part of every map cache key."""
    paths = [_layer_path(level) for level in ("kabkota", "kecamatan")]
    return "|".join(f"{p}:{p.stat().st_mtime}" if p.exists() else "-" for p in paths)


@_resource(show_spinner=False, max_entries=8)
def catalogue(rid: str, lang: str) -> pd.DataFrame:
    """Every series of the release with its years per level (:func:`dashboard.logic.series.catalogue`)."""
    return series.catalogue(stats(rid), lang)


@_resource(show_spinner=False, max_entries=8)
def headlines(rid: str, lang: str) -> list[home.HeadlineCard]:
    return home.headline_cards(stats(rid), lang)


@_resource(show_spinner=False, max_entries=8)
def featured(rid: str, lang: str) -> home.Featured | None:
    return home.featured(stats(rid), lang)


@_resource(show_spinner=False, max_entries=512)
def map_view(rid: str, code: str, year: int, level: str, measure: str, method_: str, within: str,
             lang: str) -> mapview.MapView:
    """Everything one map view shows (see :func:`dashboard.viewmodel.mapview.map_view`)."""
    return mapview.map_view(stats(rid), SeriesKey.from_code(code), year, level, measure, method_, within or None,
                            lang, data_per(rid, lang))


@_resource(show_spinner=False, max_entries=512)
def bar_figure(rid: str, code: str, year: int, level: str, measure: str, method_: str, within: str, lang: str):
    """The ranked bars of one map view."""
    view = map_view(rid, code, year, level, measure, method_, within, lang)
    return charts.ranked_bars(view.frame, view.meta, view.classes, view.value_col)


def map_spec(rid: str, code: str, year: int, measure: str, method_: str, lang: str) -> dict | None:
    """What the tappable kab/kota map draws for one choice (None without boundaries)."""
    return _map_spec(rid, code, year, measure, method_, lang, geo_stamp())


@_resource(show_spinner=False, max_entries=512)
def _map_spec(rid: str, code: str, year: int, measure: str, method_: str, lang: str, geo: str) -> dict | None:
    path = _layer_path("kabkota")
    if not path.exists():
        return None
    drawing = _kabkota_drawing(str(path), path.stat().st_mtime)
    return regionmap.kabkota_spec(map_view(rid, code, year, "kabkota", measure, method_, "", lang), drawing, lang)


def kecamatan_map_url(rid: str, code: str, year: int, method_: str, within: str, lang: str) -> str | None:
    """URL of the Leaflet kecamatan map of one choice (``/app/static/maps/<hash>.html``), or None."""
    return _kecamatan_map_url(rid, code, year, method_, within, lang, geo_stamp())


@_resource(show_spinner=False, max_entries=128)
def _kecamatan_map_url(rid: str, code: str, year: int, method_: str, within: str, lang: str,
                       geo: str) -> str | None:
    from dashboard.logic import maps

    layer = geo_layer("kecamatan")
    if layer is None:
        return None
    view = map_view(rid, code, year, "kecamatan", "count", method_, within, lang)
    return publish.write_map(maps.kecamatan_map_html(view, layer, within or None, lang), settings.maps_dir())


@_resource(show_spinner=False, max_entries=256)
def trend_view(rid: str, code: str, regions: tuple[str, ...], lang: str) -> trend.TrendView:
    return trend.trend_view(stats(rid), SeriesKey.from_code(code), list(regions), lang, data_per(rid, lang))


@_resource(show_spinner=False, max_entries=256)
def trend_figure(rid: str, code: str, regions: tuple[str, ...], lang: str):
    view = trend_view(rid, code, regions, lang)
    return None if view.empty else charts.trend_lines(view.frame, view.meta)


@_resource(show_spinner=False, max_entries=32)
def profile_view(rid: str, code: str, lang: str) -> profile.ProfileView:
    return profile.profile_view(stats(rid), code, lang)


@_resource(show_spinner=False, max_entries=32)
def psks_overview(rid: str, year: int, lang: str) -> psks.Overview:
    return psks.overview(stats(rid), year, lang, data_per(rid, lang))


@_resource(show_spinner=False, max_entries=256)
def psks_figures(rid: str, year: int, lang: str):
    view = psks_overview(rid, year, lang)
    return None if view.people.empty else charts.ranked_bars(view.people, view.people_meta, None)


@_resource(show_spinner=False, max_entries=8)
def method_view(rid: str, lang: str) -> method.MethodView:
    """Glossary, indicators, coverage, sources, quality notes and the revision log of a release."""
    return method.method_view(release(rid), releases.revisions(settings.releases_dir()), lang)


@_resource(show_spinner=False, max_entries=128)
def method_page(rid: str, which: str, page: int, lang: str) -> method.ShownTable:
    """One page of the revision log (latest first) or of the quality notes, ready to draw."""
    rows = roster_view.page_slice(getattr(method_view(rid, lang), which), page).rows
    return method.shown_table(method.revision_rows(rows, lang) if which == "revisions" else rows, lang)


@_resource(show_spinner=False, max_entries=128)
def _missing_since(root: str, rid: str, scope: str) -> gaps.Since | None:
    return gaps.since_in(Path(root), demo.split_id(rid)[0], scope)


def missing_since(rid: str, scope: str, lang: str) -> str:
    """Since when the published releases up to ``rid`` lack ``scope`` (walked once for both languages)."""
    return gaps.since_text(_missing_since(str(settings.releases_dir()), rid, scope), lang)


@_resource(show_spinner=False, max_entries=2)
def _provenance(files: tuple[tuple[str, float], ...]) -> dict:
    return {"files": method.data_files_table([Path(p) for p, _ in files], provenance.read_meta),
            "problems": provenance.problems()}


@_resource(show_spinner=False, max_entries=4)
def _provenance_shown(files: tuple[tuple[str, float], ...], lang: str) -> method.ShownTable:
    return method.shown_table(_provenance(files)["files"], lang)


def provenance_report(lang: str = "id") -> dict:
    """Every data file's provenance and problems (checked once per set of modification times), drawn in ``lang``."""
    files = tuple((str(p), p.stat().st_mtime) for p in provenance.data_files())
    return {**_provenance(files), "shown": _provenance_shown(files, lang)}


@_resource(show_spinner=False, max_entries=4)
def search_index(rid: str) -> search.SearchIndex:
    """The Cari Angka search index, built once per release."""
    return search.build_index(stats(rid))


@_resource(show_spinner=False, max_entries=4096)
def figure_card(rid: str, fig_id: str, lang: str) -> figure.FigureCard:
    index = search_index(rid)
    return figure.figure_card(index.stats, index.figure(fig_id), lang)


@_resource(show_spinner=False, max_entries=4)
def briefing_choices(rid: str) -> briefing.Choices:
    return briefing.choices(stats(rid))


@_resource(show_spinner=False, max_entries=32)
def briefing_html(rid: str, params: briefing.Params) -> str:
    """The slide set as one HTML document, built once: the slides rotate in the browser."""
    slides = briefing_slides.build_slides(stats(rid), params, briefing_choices(rid), data_per(rid, params.lang),
                                          settings.current().public_url)
    return deck.document(slides, params, geo_layer("kabkota"))


@_resource(show_spinner=False, max_entries=256)
def roster_filtered(rid: str, flt: roster_view.RosterFilter) -> pd.DataFrame:
    """The public roster under one filter, shared read-only by all sessions."""
    return roster_view.filter_roster(release(rid).roster, flt)


@_resource(show_spinner=False, max_entries=256)
def roster_kecamatan_counts(rid: str, flt: roster_view.RosterFilter, lang: str) -> pd.DataFrame:
    return roster_view.kecamatan_counts(release(rid).roster, flt, lang)


@_resource(show_spinner=False, max_entries=512)
def roster_page(rid: str, flt: roster_view.RosterFilter, page_no: int, lang: str):
    """One page of the filtered roster, with its display rows (the 25 rows the browser receives)."""
    page = roster_view.page_slice(roster_filtered(rid, flt), page_no)
    labels = {s: t(f"psks.status_{s.replace(' ', '_')}", lang) for s in roster_view.STATUSES}
    shown = roster_view.display_rows(page.rows, lang, labels)
    return page, shown.rename(columns={c: t(f"psks.col_{c}", lang) for c in roster_view.DISPLAY_COLUMNS})

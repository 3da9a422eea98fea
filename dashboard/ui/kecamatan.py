"""The kecamatan map (Leaflet, tappable) and what a tap shows: that kecamatan's figures.

A tap on a kecamatan comes back through the region-map component (``mapclick``); the choice is
kept in the URL (``kec=``), so a copied link reopens it. The panel shows the tapped kecamatan's
figure of the series on the map (with rank, status and source), its latest figure of every other
series published per kecamatan, and a link to the PSKS volunteers listed there.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cached
from dashboard.data import reference
from dashboard.logic import roster_view
from dashboard.logic.figtext import series_label
from dashboard.text import fmt
from dashboard.text.i18n import t
from dashboard.ui import mapclick, nav, state
from dashboard.ui.shell import kpi

MAP_HEIGHT = 480


def kecamatan_map(rid: str, code: str, year: int, method: str, within: str, lang: str, key: str) -> str:
    """Draw the map; returns the chosen kecamatan code ('' when none). Writes ``kec`` to the URL."""
    view = cached.map_view(rid, code, year, "kecamatan", "count", method, within, lang)
    codes = set(view.frame["kode_wilayah"])
    raw = st.query_params.get("kec", "")
    # A kecamatan left from another kab/kota or series is dropped quietly; anything else is noticed.
    chosen = raw if raw in codes else "" if raw.isdigit() and len(raw) == 7 else state.choice("kec", [], "")
    url = cached.kecamatan_map_url(rid, code, year, method, within, lang)
    if url is None:
        st.info(t("common.no_geo", lang))
        return chosen
    spec = mapclick.frame_spec(url, view.meta.title, t("peta.tap_kecamatan_hint", lang), MAP_HEIGHT, chosen)
    tapped = mapclick.tapped_map(spec, key)
    if tapped in codes:
        chosen = tapped  # the map outlines it already; the panel below shows its figures
    state.set_params(kec=chosen or None)
    return chosen


def kecamatan_panel(rid: str, code: str, year: int, method: str, within: str, kode: str, lang: str) -> None:
    """The figures of kecamatan ``kode``: the mapped series first, then every other kecamatan series."""
    view = cached.map_view(rid, code, year, "kecamatan", "count", method, within, lang)
    rows = view.frame[view.frame["kode_wilayah"] == kode]
    if rows.empty:
        return
    row = rows.iloc[0]
    kab_code = kode[:4]
    kab_name = reference.region_names().get(kab_code, kab_code)
    scope = kab_name if within else t("common.province", lang)
    ranked = int(view.frame["rank"].notna().sum())
    with st.container(border=True, key=f"kec-panel-{kode}"):
        st.subheader(t("peta.kec_heading", lang, name=row["nama"], kab=kab_name))
        cards = [_card(view.meta.title, row, t("peta.kec_rank", lang, rank=_rank(row), n=ranked, scope=scope), lang)]
        catalogue = cached.catalogue(rid, lang)
        others = catalogue[catalogue["kecamatan_years"].map(bool) & (catalogue["code"] != code)]
        for other in others.itertuples():
            other_year = max(other.kecamatan_years)
            frame = cached.map_view(rid, other.code, other_year, "kecamatan", "count", "quantiles", kab_code, lang).frame
            match = frame[frame["kode_wilayah"] == kode]
            if len(match) and pd.notna(match.iloc[0]["value"]):
                cards.append(_card(series_label(other.indicator, other.program, lang), match.iloc[0], "", lang))
        st.html("<div class='cards'>" + "".join(cards) + "</div>")
        volunteers = cached.roster_kecamatan_counts(rid, roster_view.RosterFilter(kabkota=kab_code, kecamatan=kode), lang)
        count = int(volunteers["jumlah"].sum()) if len(volunteers) else 0
        with st.container(horizontal=True):
            if count:
                nav.page_link("psks", t("peta.kec_psks_link", lang, n=fmt.number(count, 0, lang)), lang,
                              icon=":material/groups:", kab=kab_code, kec=kode)
            nav.page_link("wilayah", t("peta.kec_profile_link", lang, kab=kab_name), lang,
                          icon=":material/location_city:", kode=kab_code)


def _rank(row: pd.Series) -> str:
    return "—" if pd.isna(row.get("rank")) else str(int(row["rank"]))


def _card(label: str, row: pd.Series, note: str, lang: str) -> str:
    """A figure card: label, value as published, year, status and source (plain text escaped)."""
    status = str(row.get("status") or "")
    when = " ".join(str(p) for p in (row.get("period") or "", row.get("year")) if p and pd.notna(p)).strip()
    source = row.get("source_title")
    sub = " · ".join(p for p in (when, note, f"{t('common.source', lang)}: {source}" if isinstance(source, str) and source
                                 else "") if p)
    return kpi(label, str(row["value_text"]), sub, status, lang)

"""Tren: one series over the years for the province and the kab/kota, compared on one chart."""

from __future__ import annotations

import streamlit as st

from dashboard import cached
from dashboard.data import reference
from dashboard.text.i18n import t
from dashboard.ui import blocks, pickers, shell, state

lang, rid = shell.setup()
st.title(t("tren.title", lang))
catalogue = cached.catalogue(rid, lang)
trendable = catalogue[catalogue["all_years"].map(len) > 1]
if trendable.empty:
    blocks.missing(rid, t("tren.none", lang), "trend", lang)
    st.stop()
featured = cached.featured(rid, lang)
series = pickers.pick_series(trendable, lang, "tren", default=featured.key.code if featured else None)
names = reference.region_names()
options = [reference.PROVINCE_CODE, *reference.kabkota().kode_bps]
default = state.codes_choice("wil", options, options)
# Folded (nine names fill half a phone screen); the label says how many are compared.
count = len(st.session_state.get("tren-wil", default))
with st.expander(t("tren.regions_count", lang, n=count, total=len(options))):
    regions = st.multiselect(t("tren.regions", lang), options, default=default, format_func=names.get, key="tren-wil")
state.set_params(seri=series["code"], wil=",".join(regions) if regions != options else None,
                 lang=lang if lang != "id" else None)
shell.notices(lang)

view = cached.trend_view(rid, series["code"], tuple(regions), lang) if regions else None
if view is None:
    st.info(t("tren.pick_region", lang))
elif view.empty:
    st.info(t("tren.no_data_regions", lang))
else:
    blocks.contoh_notice(view.status, lang)
    blocks.figure(cached.trend_figure(rid, series["code"], tuple(regions), lang), "tren-chart")
    st.caption(t(f"tren.legend_note_{view.status}" if view.status in ("resmi", "contoh") else "tren.legend_note", lang))
    with st.expander(t("tren.table_title", lang)):
        st.dataframe(view.pivot(), width="stretch")
    blocks.text_and_downloads(view.sentence, view.table, view.csv, f"tren-{series['code']}", view.status, lang,
                              "tren", png=view.png)
shell.footer(rid, lang)

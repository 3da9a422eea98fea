"""Peta: a choropleth of any series and year, per kab/kota or kecamatan, with ranked bars and table."""

from __future__ import annotations

import streamlit as st

from dashboard import cached
from dashboard.text.i18n import t
from dashboard.ui import blocks, nav, pickers, shell, state
from dashboard.viewmodel.mapview import per_capita

lang, rid = shell.setup()
st.title(t("peta.title", lang))
catalogue = cached.catalogue(rid, lang)
mappable = catalogue[catalogue["years"].map(bool) | catalogue["kecamatan_years"].map(bool)]
if mappable.empty:
    blocks.missing(rid, t("peta.none", lang), "kabkota", lang)
    st.stop()
featured = cached.featured(rid, lang)
series = pickers.pick_series(mappable, lang, "peta", default=featured.key.code if featured else None)
# One compact row under the series (it wraps to two on a phone), so the map starts on the first screen.
with st.container(horizontal=True, vertical_alignment="bottom", key="peta-choices"):
    # Labels hidden on screen (still read out): a year, "Kabupaten/kota | Kecamatan" and a region
    # name say what they are, and the map's title repeats the choice.
    year = pickers.pick_year(sorted(set(series["years"]) | set(series["kecamatan_years"])), lang, "peta",
                             width=96, label_visibility="collapsed")
    levels = [lv for lv, years in (("kabkota", series["years"]), ("kecamatan", series["kecamatan_years"]))
              if year in years]
    level = st.segmented_control(t("common.level", lang), levels, default=state.choice("tingkat", levels, levels[0]),
                                 required=True, format_func=lambda v: t(f"common.level_{v}", lang), key="peta-tingkat",
                                 label_visibility="collapsed")
    within = (pickers.pick_kabkota(lang, "peta", allow_all=True, param="kab", width=210, label_visibility="collapsed")
              if level == "kecamatan" else "")
    measures = ["count", "rate_1000", "rate_10000"] if per_capita(series["indicator"]) and level == "kabkota" else ["count"]
    methods = ["quantiles", "natural_breaks"]
    with st.popover(t("peta.options", lang), icon=":material/tune:"):
        measure = st.radio(t("common.measure", lang), measures,
                           index=measures.index(state.choice("ukuran", measures, "count")),
                           format_func=lambda m: t(f"common.measure_{m}", lang), key="peta-ukuran")
        method = st.radio(t("peta.classes", lang), methods,
                          index=methods.index(state.choice("kelas", methods, "quantiles")),
                          format_func=lambda m: t(f"peta.method_{m}", lang), key="peta-kelas")
state.set_params(seri=series["code"], tahun=year, tingkat=level, ukuran=measure, kelas=method, kab=within or None,
                 lang=lang if lang != "id" else None)
shell.notices(lang)

view = cached.map_view(rid, series["code"], year, level, measure, method, within, lang)
for note in view.notes:
    st.info(note)
if view.empty:
    st.info(t("common.no_data", lang))
blocks.map_and_bars(rid, series["code"], year, level, within, lang, "peta", measure, method)
st.caption(t("peta.method_note", lang, method=t(f"peta.method_{method}", lang)))
if level == "kabkota":
    st.markdown(t("peta.profiles", lang))
    with st.container(horizontal=True, gap=None, key="peta-profiles"):
        for r in view.frame.itertuples():
            nav.page_link("wilayah", r.nama, lang, kode=r.kode_wilayah)
shell.footer(rid, lang)

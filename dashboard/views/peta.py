"""Peta: a choropleth of any series and year, per kab/kota or kecamatan, with ranked bars and table."""

from __future__ import annotations

import streamlit as st

from dashboard import cached
from dashboard.data import reference
from dashboard.logic.i18n import t
from dashboard.ui import blocks, pickers, shell, state

lang = shell.setup("common.page_peta")
rid = cached.release_id()
st.title(t("peta.title", lang))
catalogue = cached.series_catalogue(rid)

c1, c2, c3 = st.columns([3, 1, 1])
with c1:
    series = pickers.pick_series(catalogue, lang, "peta")
with c2:
    year = pickers.pick_year(series["years"], lang, "peta")
has_kec = year in series["kecamatan_years"]
with c3:
    levels = ["kabkota", "kecamatan"] if has_kec else ["kabkota"]
    level_default = state.choice("tingkat", levels, "kabkota")
    level = st.radio(t("common.level", lang), levels, index=levels.index(level_default), horizontal=True,
                     format_func=lambda v: t(f"common.level_{v}", lang), key="peta-tingkat")
d1, d2, d3 = st.columns([2, 2, 2])
per_capita = reference.indicators().set_index("kode").at[series["indicator"], "denominator"] == "penduduk"
measures = ["count", "rate_1000", "rate_10000"] if (per_capita and level == "kabkota") else ["count"]
with d1:
    measure = st.radio(t("common.measure", lang), measures, horizontal=True,
                       index=measures.index(state.choice("ukuran", measures, "count")),
                       format_func=lambda m: t(f"common.measure_{m}", lang), key="peta-ukuran")
with d2:
    methods = ["quantiles", "natural_breaks"]
    method = st.radio(t("peta.classes", lang), methods, horizontal=True,
                      index=methods.index(state.choice("kelas", methods, "quantiles")),
                      format_func=lambda m: t(f"peta.method_{m}", lang), key="peta-kelas")
within = ""
if level == "kecamatan":
    with d3:
        within = pickers.pick_kabkota(lang, "peta", allow_all=True, param="kab")
state.set_params(seri=pickers.series_key(series["indicator"], series["program"]), tahun=year, tingkat=level,
                 ukuran=measure, kelas=method, kab=within or None, lang=lang if lang != "id" else None)
shell.notices(lang)

view = cached.map_view(rid, series["indicator"], series["program"], year, level, measure, method, within, lang)
blocks.contoh_notice(view["status"], lang)
if view["frame"]["value"].notna().sum() == 0:
    st.info(t("common.no_data", lang))
left, right = st.columns([3, 2])
with left:
    if view["fig_map"] is None:
        st.info(t("common.no_geo", lang))
    elif level == "kecamatan":
        # Leaflet (folium) for the many small kecamatan: zoom buttons and pinch, no tiles, no CDN.
        map_url = cached.kecamatan_map_url(rid, series["indicator"], series["program"], year, method, within, lang)
        st.iframe(map_url, height=540)
    else:
        event = st.plotly_chart(view["fig_map"], config=blocks.PLOTLY_CONFIG, key="peta-map", width="stretch",
                                on_select="rerun", selection_mode="points")
        points = (event or {}).get("selection", {}).get("points", []) if event else []
        codes = [p.get("customdata") for p in points if p.get("customdata")]
        if codes and level == "kabkota":
            st.query_params.clear()
            st.switch_page("views/wilayah.py", query_params={"kode": codes[0], **({"lang": lang} if lang != "id" else {})})
with right:
    blocks.figure(view["fig_bar"], "peta-bar")
st.caption(t("peta.method_note", lang, method=t(f"peta.method_{method}", lang)))
blocks.text_and_downloads(view["sentence"], view["table"], view["csv"],
                          f"{series['indicator']}-{series['program'] or 'umum'}-{year}-{level}", view["status"], lang, "peta", png=view["png"])
if level == "kabkota":
    st.markdown(t("peta.profiles", lang))
    links = [f"[{r.nama}](./wilayah?kode={r.kode_wilayah})" for r in view["frame"].itertuples()]
    st.markdown(" · ".join(links))
shell.footer(lang)

"""Wilayah: the profile of one kab/kota: every programme, PSKS counts, population, poverty, rank."""

from __future__ import annotations

import streamlit as st

from dashboard import cached
from dashboard.data import reference
from dashboard.logic.i18n import t
from dashboard.ui import blocks, pickers, shell, state

lang = shell.setup("common.page_wilayah")
rid = cached.release_id()
code = pickers.pick_kabkota(lang, "wilayah")
state.set_params(kode=code, lang=lang if lang != "id" else None)
name = reference.region_names()[code]
st.title(name)
shell.notices(lang)
st.caption(shell.data_per(lang))

profile = cached.region_profile(rid, code)
if profile.empty:
    st.info(t("common.no_data", lang))
else:
    view = cached.profile_view(rid, code, lang)
    cols = st.columns(3)
    for i, (label, value, sub, status) in enumerate(view["cards"]):
        cols[i % 3].html(blocks.kpi(label, value, sub, status, lang))
    st.caption(t("wilayah.population_note", lang))
    for kind, title_key in (("program", "wilayah.programmes"), ("psks", "wilayah.psks")):
        table, status = view["tables"][kind]
        st.subheader(t(title_key, lang))
        if table.empty:
            st.info(t("common.no_data", lang))
            continue
        blocks.contoh_notice(status, lang)
        st.dataframe(table, hide_index=True, width="stretch")
    st.caption(t("wilayah.rank_note", lang))

    st.subheader(t("wilayah.kecamatan", lang))
    catalogue = cached.series_catalogue(rid)
    kec_series = catalogue[catalogue.kecamatan_years.map(len) > 0]
    if kec_series.empty:
        st.info(t("common.no_data", lang))
    else:
        series = pickers.pick_series(kec_series, lang, "wilayah-kec")
        year = max(series["kecamatan_years"])
        view = cached.map_view(rid, series["indicator"], series["program"], year, "kecamatan", "count", "quantiles",
                               code, lang)
        blocks.map_and_bars(view, f"{code}-kecamatan-{year}", lang, "wilayah")
    st.download_button(t("wilayah.download_profile", lang), cached.profile_csv(rid, code),
                       file_name=f"profil-{code}.csv", mime="text/csv", key="wilayah-profile-dl", on_click="ignore")
shell.footer(lang)

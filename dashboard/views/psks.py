"""PSKS: find a volunteer in the public roster (search first), then the counts by type and region."""

from __future__ import annotations

import html

import streamlit as st

from dashboard import cached
from dashboard.text.i18n import t
from dashboard.ui import blocks, pickers, roster, shell, state

lang, rid = shell.setup()
mode = cached.release(rid).mode
st.title(t("psks.title", lang))
st.markdown(t("psks.intro", lang))
notice_slot = st.container()

st.header(t("psks.roster_heading", lang))
if mode == "contoh":
    st.warning(t("psks.roster_contoh", lang), icon="⚠️")
st.markdown(t("psks.roster_privacy", lang))
params = roster.roster_block(rid, mode, lang) if len(cached.release(rid).roster) else {}
if not params:
    blocks.missing(rid, t("psks.roster_missing", lang), "roster", lang)

st.header(t("psks.counts_heading", lang))
catalogue = cached.catalogue(rid, lang)
psks = catalogue[catalogue["indicator"] == "jumlah_psks"]
years = sorted({y for ys in psks["all_years"] for y in ys})
breakdown = [y for ys in psks["province_years"] for y in ys]  # the latest year with a breakdown by type leads
year = pickers.pick_year(years, lang, "psks", default=max(breakdown, default=None)) if years else None
if year is None:
    blocks.missing(rid, t("psks.counts_missing", lang), "psks_counts", lang)
else:
    view = cached.psks_overview(rid, year, lang)
    if year < 2018:
        st.info(t("psks.history_note", lang, year=year))
    blocks.contoh_notice(view.table_status, lang)
    fig = cached.psks_figures(rid, year, lang)
    if fig is not None:
        blocks.figure(fig, "psks-people")
    st.html(f"<p class='figure-note'>{html.escape(view.sentence)}</p>")
    st.subheader(t("psks.table_heading", lang, year=year))
    # "How many in my kabupaten": one region's column as a two-column list (fits 360 px), the table a tap away.
    region = pickers.pick_kabkota(lang, "psks-jumlah", allow_all=True, param="wil")
    st.html(blocks.type_counts(view.table, region, lang))
    with st.expander(t("common.table_view", lang)):
        st.dataframe(view.table.rename(columns={"jenis": t("psks.col_type", lang), "satuan": t("psks.col_unit", lang),
                                                "status": t("psks.col_status", lang)}), hide_index=True, width="stretch")
    st.download_button(t("common.download_csv", lang), view.csv, file_name=f"psks-{year}-jenis-kabkota.csv",
                       mime="text/csv", key="dl-psks-table", on_click="ignore")
    with st.expander(t("psks.published_heading", lang)):
        st.dataframe(view.published, hide_index=True, width="stretch")
with st.expander(t("psks.method_heading", lang)):
    st.markdown(t("psks.method_body", lang))
state.set_params(tahun=year, wil=(region or None) if year is not None else None, lang=lang if lang != "id" else None,
                 **params)
with notice_slot:
    shell.notices(lang)
shell.footer(rid, lang)

"""Cari Angka: one exact number, its source and date, a sentence to paste, a permanent link.

State in the URL: ``q`` (query), ``program``, ``wilayah``, ``tahun`` (filters) and ``fig`` (a linked
figure). Cards come from ``cached.figure_card(rid, fig_id, lang)``; downloads are generated on click.
"""

from __future__ import annotations

import streamlit as st

from dashboard import cached, settings
from dashboard.logic import citation, derive, search
from dashboard.text.i18n import t
from dashboard.ui import blocks, cards, shell, state

MAX_QUERY = 120
SHOWN = 10

lang, rid = shell.setup()
index = cached.search_index(rid)
data_per = shell.data_per(rid, lang)  # the sentence, for the page; downloads get the date itself
st.title(t("cari.title", lang))
st.markdown(t("cari.intro", lang))
st.caption(data_per)

fig_id = citation.parse_permalink(st.query_params, known=index.row_of)
if "fig" in st.query_params and fig_id is None:
    st.info(t("cari.bad_fig", lang))
query = st.text_input(t("cari.query", lang), value=(st.query_params.get("q") or "")[:MAX_QUERY],
                      max_chars=MAX_QUERY, placeholder=t("cari.placeholder", lang), key="cari-q").strip()
program, region, year = cards.search_filters(index.stats, lang)
state.set_params(q=query or None, program=program or None, wilayah=region or None, tahun=year or None,
                 fig=fig_id, lang=lang if lang != "id" else None)
shell.notices(lang)
base = settings.current().public_url

if fig_id:
    st.subheader(t("cari.linked", lang))
    cards.render_card(cached.figure_card(rid, fig_id, lang), lang, data_per, base)
    if st.button(t("cari.close_linked", lang), key="cari-close"):
        del st.query_params["fig"]
        st.rerun()
if query or program or region or year:
    results = search.search(index, query, program or None, region or None, int(year) if year else None, SHOWN)
    if results.attrs.get("year_fallback"):
        st.info(t("cari.year_fallback", lang, years=", ".join(w for w in query.split() if w.isdigit())))
    if results.empty:
        st.info(t("cari.no_results", lang))
    else:
        st.subheader(t("cari.results", lang, n=len(results)))
        blocks.contoh_notice(derive.status_summary(results["status"]), lang)
        cards.downloads(results, index.stats, lang, cached.data_per(rid, lang), rid)
        for fid in results["fig_id"]:
            cards.render_card(cached.figure_card(rid, fid, lang), lang, data_per, base)
elif not fig_id:
    cards.examples(lang)
cards.open_data_links(lang)
shell.footer(rid, lang)

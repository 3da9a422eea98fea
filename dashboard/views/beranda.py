"""Beranda: what this is, the headline figures with their change and status, one featured map."""

from __future__ import annotations

import streamlit as st

from dashboard import cached
from dashboard.logic import derive, fmt
from dashboard.logic.i18n import t
from dashboard.ui import blocks, shell

lang = shell.setup("common.page_beranda")
rid = cached.release_id()
st.title(t("common.app_title", lang))
st.markdown(t("beranda.intro", lang))
st.caption(shell.data_per(lang))
shell.notices(lang)

heads = cached.headlines(rid)
if heads.empty:
    st.info(t("common.no_data", lang))
else:
    cards = []
    for h in heads.itertuples():
        if h.prev_status and h.prev_status != h.status:
            # An official figure is never compared with a demonstration one.
            change = t("beranda.no_comparable", lang, year=h.year - 1)
        else:
            change = fmt.change_sentence(h.value, h.prev_value, h.prev_year or h.year - 1, lang)
        source = h.source_title if len(h.source_title) <= 70 else h.source_title[:69] + "…"
        sub = f"{h.year} · {change} · {t('common.source', lang)}: {source}"
        label = derive.series_label(h.indicator, h.program, lang)
        cards.append(blocks.kpi(label, fmt.value_with_unit(h.value, h.unit, lang), sub, h.status, lang))
    columns = st.columns(3)
    for i, card in enumerate(cards):
        columns[i % 3].html(card)
    blocks.contoh_notice(derive.status_summary(heads["status"]), lang)

st.subheader(t("beranda.featured", lang))
catalogue = cached.series_catalogue(rid)
uep = catalogue[(catalogue.indicator == "penerima") & (catalogue.program == "UEP")]
if uep.empty:
    st.info(t("common.no_data", lang))
else:
    year = max(uep.iloc[0]["years"])
    view = cached.map_view(rid, "penerima", "UEP", year, "kabkota", "count", "quantiles", "", lang)
    blocks.map_and_bars(view, f"uep-{year}-kabkota", lang, "beranda")
    st.markdown(f"[{t('beranda.more_maps', lang)} →](./peta)")
shell.footer(lang)

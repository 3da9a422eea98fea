"""Beranda: what this is, the headline figures with their change and status, one featured map."""

from __future__ import annotations

import streamlit as st

from dashboard import cached
from dashboard.logic.figtext import period_name
from dashboard.text.i18n import t
from dashboard.ui import blocks, nav, shell

lang, rid = shell.setup()
st.title(t("common.app_title", lang))
st.markdown(t("beranda.intro", lang))
st.caption(shell.data_per(rid, lang))
shell.notices(lang)

cards = cached.headlines(rid, lang)
if not cards:
    blocks.missing(rid, t("beranda.headlines_missing", lang), "province", lang)
columns = st.columns(3)
for i, card in enumerate(cards):
    when = f"{period_name(card.period, lang)} {card.year}".strip()
    sub = f"{when} · {card.change_text(lang)} · {t('common.source', lang)}: {card.source_title}"
    columns[i % 3].html(blocks.kpi(card.label, card.value_text, sub.strip(), card.status, lang))

featured = cached.featured(rid, lang)
if featured is None:
    blocks.missing(rid, t("beranda.featured_missing", lang), "kabkota", lang)
else:
    st.subheader(t("beranda.featured_title", lang, label=featured.label, year=featured.year))
    blocks.map_and_bars(rid, featured.key.code, featured.year, "kabkota", "", lang, "beranda")
    nav.page_link("peta", t("beranda.more_maps", lang), lang, icon=":material/map:")
shell.footer(rid, lang)

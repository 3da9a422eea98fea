"""The Wilayah profile's groups: cards on a phone-friendly grid, the full table one tap away."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.text.i18n import t
from dashboard.ui import blocks
from dashboard.viewmodel.profile import ProfileView


def group_block(view: ProfileView, group: str, lang: str) -> None:
    """One group of a profile: a card per series (name, figure, year, status, source), then the table."""
    rows = view.group(group)
    if not rows:
        return
    st.subheader(t(f"wilayah.group_{group}", lang))
    if group == "riwayat":
        st.caption(t("wilayah.history_note", lang))
    columns = st.columns(3)
    for i, r in enumerate(rows):
        rank = f"{t('common.rank', lang)} {r.rank_text}" if r.rank_text else ""
        sub = " · ".join(p for p in (r.when, r.change_text, rank, f"{t('common.source', lang)}: {r.source}") if p)
        columns[i % 3].html(blocks.kpi(r.label, r.value_text, sub, r.status, lang))
    with st.expander(t("common.table_view", lang)):
        st.dataframe(pd.DataFrame({
            t("common.indicator", lang): [r.label for r in rows], t("common.value", lang): [r.value_text for r in rows],
            t("common.period", lang): [r.when for r in rows], t("common.rank", lang): [r.rank_text or "—" for r in rows],
            t("common.change", lang): [r.change_text for r in rows],
            t("common.status", lang): [t(f"common.status_{r.status}", lang) for r in rows],
            t("common.source", lang): [r.source for r in rows]}), hide_index=True, width="stretch")

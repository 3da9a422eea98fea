"""Tren: yearly series of one programme for the province and the kab/kota, compared on one chart."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cached
from dashboard.data import reference
from dashboard.logic import fmt
from dashboard.logic.i18n import t
from dashboard.ui import blocks, pickers, shell, state

lang = shell.setup("common.page_tren")
rid = cached.release_id()
st.title(t("tren.title", lang))
catalogue = cached.series_catalogue(rid)
series = pickers.pick_series(catalogue, lang, "tren")

names = reference.region_names()
options = [reference.PROVINCE_CODE, *reference.kabkota().kode_bps]
raw = st.query_params.get("wil")
default = list(reference.kabkota().kode_bps)
if raw is not None:
    asked = [c for c in raw.split(",") if c]
    chosen = [c for c in asked if c in options]
    if len(chosen) != len(asked) or not chosen:
        state.choice("wil", [], "")  # records the rejected parameter for the notice
        chosen = chosen or default
else:
    chosen = default
regions = st.multiselect(t("tren.regions", lang), options, default=chosen, format_func=names.get, key="tren-wil")
state.set_params(seri=f"{series['indicator']}:{series['program']}", wil=",".join(regions) if regions != default else None,
                 lang=lang if lang != "id" else None)
shell.notices(lang)

if not regions:
    st.info(t("tren.pick_region", lang))
else:
    view = cached.trend_view(rid, series["indicator"], series["program"], tuple(regions), lang)
    if view["fig"] is None:
        st.info(t("common.no_data", lang))
    else:
        blocks.contoh_notice(view["status"], lang)
        blocks.figure(view["fig"], "tren-chart")
        st.caption(t("tren.legend_note", lang))
        frame = view["frame"]
        pivot = frame.pivot_table(index="nama", columns="year", values="value", aggfunc="first")
        st.subheader(t("tren.table_title", lang))
        st.dataframe(pivot.map(lambda v: "" if pd.isna(v) else fmt.number(v, lang=lang)), width="stretch")
        blocks.text_and_downloads(view["sentence"], view["table"], view["csv"],
                                  f"tren-{series['indicator']}-{series['program'] or 'umum'}", view["status"], lang, "tren",
                                  png=view["png"])
shell.footer(lang)

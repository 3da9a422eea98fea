"""Reusable page blocks: a figure with its text, table and download; headline cards."""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.logic.i18n import t
from dashboard.ui.shell import badge

PLOTLY_CONFIG = {"displayModeBar": False, "responsive": True, "scrollZoom": False}


def figure(fig, key: str) -> None:
    st.plotly_chart(fig, config=PLOTLY_CONFIG, key=key, width="stretch")


def contoh_notice(status: str, lang: str) -> None:
    if status in ("contoh", "campuran"):
        st.html(f"<p>{badge('contoh', lang)} {html.escape(t('common.contoh_banner', lang))}</p>")


def text_and_downloads(sentence: str, table: pd.DataFrame, csv: bytes, file_stem: str, status: str,
                       lang: str, key: str, table_columns: dict[str, str] | None = None,
                       png: Callable[[], bytes] | None = None) -> None:
    """The sentence under a chart (screen readers, slow links), a table view and a CSV download."""
    st.html(f"<p class='figure-note'>{html.escape(sentence)}</p>")
    with st.expander(t("common.table_view", lang)):
        shown = table if table_columns is None else table[list(table_columns)].rename(columns=table_columns)
        st.dataframe(shown, hide_index=True, width="stretch")
    suffix = "-DATA-CONTOH" if status in ("contoh", "campuran") else ""
    st.download_button(t("common.download_csv", lang), csv, file_name=f"{file_stem}{suffix}.csv",
                       mime="text/csv", key=f"dl-{key}", on_click="ignore")
    if png is not None:  # drawn only when asked for: most visits never download a picture
        st.download_button(t("common.download_png", lang), png, file_name=f"{file_stem}{suffix}.png",
                           mime="image/png", key=f"dl-png-{key}", on_click="ignore")


def kpi(label: str, value: str, sub: str, status: str, lang: str) -> str:
    return (f"<div class='kpi'><div class='l'>{html.escape(label)} {badge(status, lang)}</div>"
            f"<div class='v'>{html.escape(value)}</div><div class='s'>{html.escape(sub)}</div></div>")


def map_and_bars(view: dict, file_stem: str, lang: str, key: str) -> None:
    """A map view's choropleth beside its ranked bars, then its sentence, table and downloads.

    Without boundaries the bars and the table remain, with a notice instead of the map.
    """
    left, right = st.columns([3, 2])
    with left:
        if view["fig_map"] is not None:
            figure(view["fig_map"], f"{key}-map")
        else:
            st.info(t("common.no_geo", lang))
    with right:
        figure(view["fig_bar"], f"{key}-bar")
    text_and_downloads(view["sentence"], view["table"], view["csv"], file_stem, view["status"], lang, key,
                       png=view["png"])

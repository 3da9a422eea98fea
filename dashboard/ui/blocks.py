"""Reusable page blocks: a figure with its text, table and download; headline cards; map views."""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import cached
from dashboard.text.i18n import t
from dashboard.ui.shell import badge

PLOTLY_CONFIG = {"displayModeBar": False, "responsive": True, "scrollZoom": False}


def figure(fig, key: str) -> None:
    st.plotly_chart(fig, config=PLOTLY_CONFIG, key=key, width="stretch")


def contoh_notice(status: str, lang: str) -> None:
    if status in ("contoh", "campuran"):
        st.html(f"<p>{badge('contoh', lang)} {html.escape(t('common.contoh_banner', lang))}</p>")


def text_and_downloads(sentence: str, table: pd.DataFrame, csv: bytes, file_stem: str, status: str,
                       lang: str, key: str, png: Callable[[], bytes] | None = None) -> None:
    """The sentence under a chart (screen readers, slow links), a table view and the downloads."""
    st.html(f"<p class='figure-note'>{html.escape(sentence)}</p>")
    with st.expander(t("common.table_view", lang)):
        st.dataframe(table, hide_index=True, width="stretch")
    suffix = "-DATA-CONTOH" if status in ("contoh", "campuran") else ""
    st.download_button(t("common.download_csv", lang), csv, file_name=f"{file_stem}{suffix}.csv",
                       mime="text/csv", key=f"dl-{key}", on_click="ignore")
    if png is not None:  # drawn only when asked for: most visits never download a picture
        st.download_button(t("common.download_png", lang), png, file_name=f"{file_stem}{suffix}.png",
                           mime="image/png", key=f"dl-png-{key}", on_click="ignore")


def kpi(label: str, value: str, sub: str, status: str, lang: str) -> str:
    return (f"<div class='kpi'><div class='l'>{html.escape(label)} {badge(status, lang)}</div>"
            f"<div class='v'>{html.escape(value)}</div><div class='s'>{html.escape(sub)}</div></div>")


def missing(what: str, lang: str) -> None:
    """An explicit "nothing published" state: what is missing and how Dinsos can publish it."""
    st.info(t("common.not_published", lang, what=what))


def map_and_bars(rid: str, code: str, year: int, level: str, within: str, lang: str, key: str,
                 measure: str = "count", method: str = "quantiles") -> None:
    """A map view's choropleth beside its ranked bars, then its sentence, table and downloads.

    Without boundaries the bars and the table remain, with a notice instead of the map.
    """
    view = cached.map_view(rid, code, year, level, measure, method, within, lang)
    fig_map, fig_bar = cached.map_figures(rid, code, year, level, measure, method, within, lang)
    contoh_notice(view.status, lang)
    left, right = st.columns([3, 2])
    with left:
        if fig_map is None:
            st.info(t("common.no_geo", lang))
        elif level == "kabkota":
            clickable_map(fig_map, f"{key}-map", lang)
        else:
            figure(fig_map, f"{key}-map")
    with right:
        figure(fig_bar, f"{key}-bar")
    stem = f"{view.key.indicator}-{view.key.program or 'umum'}-{year}-{level}"
    text_and_downloads(view.sentence, view.table, view.csv, stem, view.status, lang, key, png=view.png)


def clickable_map(fig, key: str, lang: str) -> None:
    """A kab/kota map whose regions open their Wilayah profile when selected."""
    event = st.plotly_chart(fig, config=PLOTLY_CONFIG, key=key, width="stretch", on_select="rerun",
                            selection_mode="points")
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    codes = [p.get("customdata") for p in points if p.get("customdata")]
    if codes:
        st.query_params.clear()
        st.switch_page("views/wilayah.py", query_params={"kode": codes[0], **({"lang": lang} if lang != "id" else {})})

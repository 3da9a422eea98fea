"""Reusable page blocks: a figure with its text, table and download; headline cards; map views."""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import cached
from dashboard.data import reference
from dashboard.logic.figtext import unit_text
from dashboard.text import fmt
from dashboard.text.i18n import t
from dashboard.ui import kecamatan, mapclick
from dashboard.ui.shell import badge, kpi  # noqa: F401 (kpi: pages use blocks.kpi)

PLOTLY_CONFIG = {"displayModeBar": False, "responsive": True, "scrollZoom": False}
#: Ranked bars of more regions than this are folded (the sentence and table say the same).
MAX_OPEN_BARS = 40


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


def missing(rid: str, what: str, scope: str, lang: str) -> None:
    """An explicit "nothing published" state: what is missing, since when (``scope`` of
    :mod:`dashboard.viewmodel.missing`, read from the releases) and how Dinsos can publish it."""
    since = cached.missing_since(rid, scope, lang)
    st.info(t("common.not_published", lang, what=what) + (f" {since}" if since else ""))


def map_and_bars(rid: str, code: str, year: int, level: str, within: str, lang: str, key: str,
                 measure: str = "count", method: str = "quantiles") -> None:
    """A map view's tappable map beside its ranked bars, then its sentence, table and downloads.

    A tap on a kab/kota opens its profile; a tap on a kecamatan shows its figures under the map.
    Without boundaries the bars and the table remain, with a notice instead of the map.
    """
    view = cached.map_view(rid, code, year, level, measure, method, within, lang)
    contoh_notice(view.status, lang)
    left, right = st.columns([3, 2])
    with left:
        if level == "kabkota":
            kabkota_map(rid, code, year, measure, method, lang, f"{key}-map")
        else:
            chosen = kecamatan.kecamatan_map(rid, code, year, method, within, lang, f"{key}-kecmap")
            if chosen:
                kecamatan.kecamatan_panel(rid, code, year, method, within, chosen, lang)
    with right:
        bars = cached.bar_figure(rid, code, year, level, measure, method, within, lang)
        if len(view.frame) > MAX_OPEN_BARS:  # 155 kecamatan are a 5,000 px chart: one tap away instead
            with st.expander(t("peta.all_bars", lang, n=len(view.frame))):
                figure(bars, f"{key}-bar")
        else:
            figure(bars, f"{key}-bar")
    stem = f"{view.key.indicator}-{view.key.program or 'umum'}-{year}-{level}"
    text_and_downloads(view.sentence, view.table, view.csv, stem, view.status, lang, key, png=view.png)


def kabkota_map(rid: str, code: str, year: int, measure: str, method: str, lang: str, key: str) -> None:
    """The kab/kota map; a tap or click anywhere in a region opens that region's Wilayah profile."""
    spec = cached.map_spec(rid, code, year, measure, method, lang)
    if spec is None:
        st.info(t("common.no_geo", lang))
        return
    tapped = mapclick.tapped_map(spec, key)
    if tapped in set(reference.kabkota()["kode_bps"]):
        st.switch_page("views/wilayah.py", query_params={"kode": tapped, **({"lang": lang} if lang != "id" else {})})


def type_counts(table: pd.DataFrame, region: str, lang: str) -> str:
    """One region's column of a type-by-region table (``jenis``, ``satuan``, a column per region named as
    ``reference.kabkota().nama_singkat``, the province, ``status``) as name/figure pairs with status."""
    names = dict(zip(reference.kabkota()["kode_bps"], reference.kabkota()["nama_singkat"], strict=True))
    fixed = {"jenis", "satuan", "status", *names.values()}
    column = names.get(region) or next(c for c in table.columns if c not in fixed)
    rows = []
    for row in table.to_dict("records"):
        value = str(row[column])
        unit = unit_text(str(row["satuan"]), lang)
        figure_text = f"{value} {unit}" if value and value not in ("—", "-") else fmt.MISSING[lang]
        rows.append(f"<dt>{html.escape(str(row['jenis']))}</dt>"
                    f"<dd><span class='v'>{html.escape(figure_text)}</span>{badge(str(row.get('status') or ''), lang)}</dd>")
    return f"<dl class='pairs' aria-label='{html.escape(column, quote=True)}'>" + "".join(rows) + "</dl>"

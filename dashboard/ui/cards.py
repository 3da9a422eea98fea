"""Cari Angka's blocks: filters, result cards and downloads (the figure card view model, rendered), examples."""

from __future__ import annotations

import html
from urllib.parse import quote_plus

import pandas as pd
import streamlit as st

from dashboard.data import reference
from dashboard.logic import citation, derive, export
from dashboard.logic.figtext import period_text, program_label, series_label
from dashboard.text.i18n import t
from dashboard.ui import blocks, state


def render_card(card: dict, lang: str, data_per: str, base: str) -> None:
    permalink = base + card["permalink"]
    with st.container(border=True):
        sub = t("cari.source_line", lang, title=card["source_title"], date=card["source_date"])
        if card["source_type"]:
            sub += f" ({card['source_type']})"
        if card.get("change"):
            sub = f"{card['change']} · {sub}"
        st.html(blocks.kpi(f"{card['label']} · {card['region']} · {card['period']}", card["value"], sub,
                           card["status"], lang))
        links = [f"<a href='{html.escape(permalink)}'>{html.escape(t('cari.permalink', lang))}</a>"]
        if card["source_url"]:
            links.append(f"<a href='{html.escape(card['source_url'])}' target='_blank' rel='noopener noreferrer'>"
                         f"{html.escape(t('cari.open_source', lang))}</a>")
        st.html(f"<p class='figure-note'>{' · '.join(links)} · {html.escape(data_per)}</p>")
        st.caption(t("cari.sentence", lang))
        st.code(card["sentence"], language=None, wrap_lines=True)
        st.caption(t("cari.short", lang))
        st.code(card["short"], language=None, wrap_lines=True)
        if card["related"]:
            items = "".join(f"<li>{html.escape(n)}</li>" for n in card["related"])
            st.html(f"<div class='figure-note'><strong>{html.escape(t('cari.related', lang))}</strong>"
                    f"<ul>{items}</ul></div>")
        with st.expander(t("cari.provenance", lang)):
            rows = "".join(f"<li><strong>{html.escape(label)}:</strong> {html.escape(text)}</li>"
                           for label, text in card["provenance"])
            st.html(f"<ul class='figure-note'>{rows}</ul>")
            st.code(permalink, language=None, wrap_lines=True)


def downloads(results: pd.DataFrame, stats: pd.DataFrame, lang: str, data_date: str, rid: str) -> None:
    """CSV and XLSX of the results, and a PNG of the top result's series across the kab/kota.

    ``data_date`` is the date of the data ("1 Desember 2026"), not the "Data per ..." sentence.
    """
    contoh = results["status"].eq("contoh").any()
    stem = f"cari-angka-{rid[:10]}" + ("-DATA-CONTOH" if contoh else "")
    c1, c2, c3 = st.columns(3)
    c1.download_button(t("cari.download_csv", lang), lambda: export.to_csv_bytes(results, data_date, lang),
                       file_name=f"{stem}.csv", mime="text/csv", key="cari-dl-csv", on_click="ignore")
    c2.download_button(t("cari.download_xlsx", lang), lambda: export.to_xlsx_bytes(results, data_date, lang),
                       file_name=f"{stem}.xlsx", key="cari-dl-xlsx", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    top = results.iloc[0]
    series = export.kabkota_series(stats, top)
    if len(series) >= 2:
        label = series_label(top["indicator"], top["program"], lang)
        period = period_text(top, lang)
        status = derive.status_summary(series["status"])
        sources = export.sources_with_dates(series, lang)
        title = t("cari.chart_title", lang, label=label, period=period) if period else label
        c3.download_button(
            t("cari.download_png", lang),
            lambda: export.chart_png(series, title, top["unit"], period, sources, status, data_date, lang),
            file_name=f"{top['indicator']}-{top['program'] or 'umum'}-{period.split(' ')[-1] or 'tanpa-tahun'}"
                      f"{'-DATA-CONTOH' if status != 'resmi' else ''}.png",
            mime="image/png", key="cari-dl-png", on_click="ignore")


def search_filters(stats: pd.DataFrame, lang: str) -> tuple[str, str, str]:
    """Cari Angka's programme, region and year filters (folded; each kept in the URL): codes or ""."""
    programs = [""] + sorted(set(stats["program"]) - {""}, key=program_label)
    regions = ["", reference.PROVINCE_CODE, *reference.kabkota().kode_bps]
    years = [""] + [str(y) for y in sorted(set(stats["year"].dropna().astype(int)), reverse=True)]
    names = reference.region_names()
    with st.expander(t("cari.filters", lang)):
        program = st.selectbox(t("common.programme", lang), programs, key="cari-program",
                               index=programs.index(state.choice("program", programs, "")),
                               format_func=lambda c: program_label(c, lang) if c else t("cari.all_programs", lang))
        region = st.selectbox(t("common.region", lang), regions, key="cari-wilayah",
                              index=regions.index(state.choice("wilayah", regions, "")),
                              format_func=lambda c: names.get(c, c) if c else t("cari.all_regions", lang))
        year = st.selectbox(t("common.year", lang), years, index=years.index(state.choice("tahun", years, "")),
                            format_func=lambda y: y or t("cari.all_years", lang), key="cari-tahun")
    return program, region, year


def examples(lang: str) -> None:
    """Example searches as links (an example link keeps the page's language)."""
    keep_lang = "" if lang == "id" else f"&lang={lang}"
    st.markdown(f"{t('cari.examples', lang)}: " + " · ".join(
        f"[{e}](./{citation.PAGE_PATH}?q={quote_plus(e)}{keep_lang})" for e in t("cari.example_queries", lang).split("|")))


def open_data_links(lang: str) -> None:
    st.subheader(t("cari.opendata_title", lang))
    st.markdown(t("cari.opendata_intro", lang))
    st.markdown(" · ".join(f"[{n}](/app/static/data/{n})" for n in ("statistik.csv", "statistik.json", "datapackage.json")))

"""Cari Angka: one exact number, its source and date, a sentence to paste, a permanent link.

State in the URL: ``q`` (query), ``program``, ``wilayah``, ``tahun`` (filters) and ``fig`` (a linked
figure). Cards come from ``cached.figure_card(rid, fig_id, lang)`` (built once per release and figure; its
permalink is relative, the page puts this server's address in front); downloads are generated on
click.
"""

from __future__ import annotations

import html
from urllib.parse import quote_plus, urlsplit

import streamlit as st

from dashboard import cached
from dashboard.data import reference
from dashboard.logic import citation, derive, export, fmt, search
from dashboard.logic.figtext import program_label
from dashboard.logic.i18n import t
from dashboard.ui import blocks, shell, state

MAX_QUERY = 120
SHOWN = 10
EXAMPLES = ["UEP 2022", "Tagana Lebak", "BLT BBM Kota Serang", "jumlah TKSK", "penduduk miskin pandeglang 2023"]


def base_url() -> str:
    """Scheme, host and any path prefix in front of ``/cari`` (so permalinks work behind a proxy)."""
    url = getattr(st.context, "url", None) or ""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return ""
    prefix = parts.path.rsplit(f"/{citation.PAGE_PATH}", 1)[0] if f"/{citation.PAGE_PATH}" in parts.path else ""
    return f"{parts.scheme}://{parts.netloc}{prefix.rstrip('/')}"


def render_card(card: dict, lang: str, data_per: str, base: str) -> None:
    permalink = base + card["permalink"]
    with st.container(border=True):
        sub = t("cari.source_line", lang, title=card["source_title"], date=card["source_date"])
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


def downloads(results, stats, lang: str, data_per: str, rid: str) -> None:
    stem = f"cari-angka-{rid[:10]}" + ("-DATA-CONTOH" if results["status"].eq("contoh").any() else "")
    c1, c2, c3 = st.columns(3)
    c1.download_button(t("cari.download_csv", lang), lambda: export.to_csv_bytes(results, data_per),
                       file_name=f"{stem}.csv", mime="text/csv", key="cari-dl-csv", on_click="ignore")
    c2.download_button(t("cari.download_xlsx", lang), lambda: export.to_xlsx_bytes(results, data_per),
                       file_name=f"{stem}.xlsx", key="cari-dl-xlsx", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    top = results.iloc[0]
    series = export.kabkota_series(stats, top)
    if len(series) >= 2:
        label = derive.series_label(top["indicator"], top["program"], lang)
        period = str(top["period"] + " " if top["period"] else "") + str(top["year"])
        status = derive.status_summary(series["status"])
        titles = series["source_title"].unique()
        source = titles[0] if len(titles) == 1 else f"{len(titles)} sumber (lihat CSV)"
        c3.download_button(
            t("cari.download_png", lang),
            lambda: export.chart_png(series, t("cari.chart_title", lang, label=label, period=period), top["unit"],
                                     period, source, status, data_per, lang),
            file_name=f"{top['indicator']}-{top['program'] or 'umum'}-{top['year']}{'-DATA-CONTOH' if status != 'resmi' else ''}.png",
            mime="image/png", key="cari-dl-png", on_click="ignore")


lang = shell.setup("common.page_cari")
rid = cached.release_id()
index = cached.search_index(rid)
data_per = shell.data_per(lang)
st.title(t("cari.title", lang))
st.markdown(t("cari.intro", lang))
st.caption(data_per)

fig_id = citation.parse_permalink(st.query_params, known=index.row_of)
if "fig" in st.query_params and fig_id is None:
    st.info(t("cari.bad_fig", lang))
query = st.text_input(t("cari.query", lang), value=(st.query_params.get("q") or "")[:MAX_QUERY],
                      max_chars=MAX_QUERY, placeholder=t("cari.placeholder", lang), key="cari-q").strip()
programs = [""] + sorted(set(index.stats["program"]) - {""}, key=program_label)
regions = ["", reference.PROVINCE_CODE, *reference.kabkota().kode_bps]
years = [""] + [str(y) for y in sorted(set(index.stats["year"].dropna().astype(int)), reverse=True)]
names = reference.region_names()
c1, c2, c3 = st.columns([2, 2, 1])
program = c1.selectbox(t("common.programme", lang), programs, index=programs.index(state.choice("program", programs, "")),
                       format_func=lambda c: program_label(c) if c else t("cari.all_programs", lang), key="cari-program")
region = c2.selectbox(t("common.region", lang), regions, index=regions.index(state.choice("wilayah", regions, "")),
                      format_func=lambda c: names.get(c, c) if c else t("cari.all_regions", lang), key="cari-wilayah")
year = c3.selectbox(t("common.year", lang), years, index=years.index(state.choice("tahun", years, "")),
                    format_func=lambda y: y or t("cari.all_years", lang), key="cari-tahun")
state.set_params(q=query or None, program=program or None, wilayah=region or None, tahun=year or None,
                 fig=fig_id, lang=lang if lang != "id" else None)
shell.notices(lang)
base = base_url()

if fig_id:
    st.subheader(t("cari.linked", lang))
    render_card(cached.figure_card(rid, fig_id, lang), lang, data_per, base)
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
        st.subheader(t("cari.results", lang, n=fmt.number(len(results), 0, lang)))
        blocks.contoh_notice(derive.status_summary(results["status"]), lang)
        downloads(results, index.stats, lang, data_per, rid)
        for fid in results["fig_id"]:
            render_card(cached.figure_card(rid, fid, lang), lang, data_per, base)
elif not fig_id:
    links = " · ".join(f"[{e}](./{citation.PAGE_PATH}?q={quote_plus(e)})" for e in EXAMPLES)
    st.markdown(f"{t('cari.examples', lang)}: {links}")

st.subheader(t("cari.opendata_title", lang))
st.markdown(t("cari.opendata_intro", lang))
st.markdown(" · ".join(f"[{name}](/app/static/data/{name})" for name in ("statistik.csv", "statistik.json", "datapackage.json")))
shell.footer(lang)

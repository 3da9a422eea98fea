"""PSKS: counts of the volunteer force by type and region, and the public roster (paged on the server)."""

from __future__ import annotations

import html
import zlib

import streamlit as st

from dashboard import cached
from dashboard.data import reference
from dashboard.logic import fmt, roster_view, views
from dashboard.logic.i18n import t
from dashboard.ui import blocks, pickers, shell, state

PUBLISHED_LABELS = {"jenis": "type", "wilayah": "region", "tahun": "year", "nilai": "value", "sumber": "source",
                    "tanggal_sumber": "source_date", "catatan": "note"}

lang = shell.setup("common.page_psks")
rid = cached.release_id()
st.title(t("psks.title", lang))
st.markdown(t("psks.intro", lang))
st.caption(shell.data_per(lang))
notice_slot = st.container()

# --- Counts by type and region -------------------------------------------------------------------
st.header(t("psks.counts_heading", lang))
st.html(f"<p>{shell.badge('contoh', lang)} {html.escape(t('psks.counts_status', lang))}</p>")
catalogue = cached.series_catalogue(rid)
series = catalogue[catalogue.indicator == "jumlah_psks"].set_index("program")
type_names = roster_view.psks_names(lang)
if series.empty:
    st.info(t("common.no_data", lang))
    jenis, year = "", None
else:
    codes = sorted(series.index, key=lambda c: type_names.get(c, c))
    c1, c2 = st.columns([3, 1])
    with c1:
        jenis = st.selectbox(t("psks.type_label", lang), codes, format_func=lambda c: type_names.get(c, c),
                             index=codes.index(state.choice("jenis", codes, "TAGANA" if "TAGANA" in codes else codes[0])),
                             key="psks-jenis")
    with c2:
        year = pickers.pick_year(series.at[jenis, "years"], lang, "psks")

    overview = cached.psks_overview(rid, year, lang)
    st.subheader(t("psks.people_heading", lang))
    if overview["fig_people"] is None:
        st.info(t("common.no_data", lang))
    else:
        blocks.figure(overview["fig_people"], "psks-people")
        st.caption(t("psks.people_note", lang))
        st.html(f"<p class='figure-note'>{html.escape(overview['sentence'])}</p>")

    st.subheader(t("psks.map_heading", lang, name=type_names.get(jenis, jenis)))
    view = cached.map_view(rid, "jumlah_psks", jenis, year, "kabkota", "count", "quantiles", "", lang)
    blocks.contoh_notice(view["status"], lang)
    blocks.map_and_bars(view, f"psks-{jenis}-{year}-kabkota", lang, "psks-map")

    st.subheader(t("psks.table_heading", lang, year=year))
    table = overview["table"].assign(status=lambda d: d["status"].map(lambda s: t(f"common.status_{s}", lang)))
    table = table[["jenis", "status", "satuan", *[c for c in table.columns if c not in ("jenis", "status", "satuan")]]]
    st.dataframe(table.rename(columns={"jenis": t("psks.col_type", lang), "satuan": t("psks.col_unit", lang),
                                       "status": t("psks.col_status", lang)}), hide_index=True, width="stretch",
                 height="content")
    st.caption(t("psks.table_note", lang))
    suffix = "-DATA-CONTOH" if overview["table_status"] in ("contoh", "campuran") else ""
    st.download_button(t("common.download_csv", lang), overview["csv"], file_name=f"psks-{year}-jenis-kabkota{suffix}.csv",
                       mime="text/csv", key="dl-psks-table", on_click="ignore")
    with st.expander(t("psks.published_heading", lang)):
        st.caption(t("psks.published_note", lang))
        st.dataframe(overview["published"].rename(columns={k: t(f"psks.col_{c}", lang) for k, c in PUBLISHED_LABELS.items()}),
                     hide_index=True, width="stretch")

# --- The public roster ---------------------------------------------------------------------------
st.header(t("psks.roster_heading", lang))
st.warning(t("psks.roster_contoh", lang), icon="⚠️")
st.markdown(t("psks.roster_privacy", lang))
roster = cached.roster(rid)
query, query_ok = roster_view.clean_query(st.query_params.get("cari"))
r1, r2 = st.columns(2)
with r1:
    query, _ = roster_view.clean_query(st.text_input(t("psks.search_label", lang), value=query, key="psks-cari",
                                                     help=t("psks.search_help", lang),
                                                     max_chars=roster_view.MAX_QUERY_LENGTH))
with r2:
    types = [""] + sorted(type_names, key=type_names.get)
    tipe = st.selectbox(t("psks.type_label", lang), types, index=types.index(state.choice("tipe", types, "")),
                        format_func=lambda c: type_names.get(c) or t("psks.all_types", lang), key="psks-tipe")
r3, r4, r5 = st.columns(3)
with r3:
    kab = pickers.pick_kabkota(lang, "psks", allow_all=True, param="kab")
kec_table = reference.kecamatan()
kec_scope = kec_table[kec_table.kode_bps_kabkota == kab] if kab else kec_table
kec_names = dict(zip(kec_table.kode_bps, kec_table.nama, strict=True))
with r4:
    kec_options = [""] + list(kec_scope.kode_bps)
    raw_kec = st.query_params.get("kec", "")
    # A kecamatan left over from the previous kab/kota is reset quietly: the visitor changed the kab/kota.
    stale = bool(kab) and raw_kec in kec_names and not raw_kec.startswith(kab)
    kec_default = "" if stale else state.choice("kec", kec_options, "")
    kec = st.selectbox(t("psks.kecamatan", lang), kec_options, index=kec_options.index(kec_default),
                       format_func=lambda c: kec_names.get(c) or t("psks.all_kecamatan", lang), key=f"psks-kec-{kab}")
with r5:
    statuses = ["", *roster_view.STATUSES]
    status = st.selectbox(t("psks.status_label", lang), statuses, index=statuses.index(state.choice("status", statuses, "")),
                          format_func=lambda s: t(f"psks.status_{s.replace(' ', '_')}", lang) if s else t("psks.all_statuses", lang),
                          key="psks-status")

flt = roster_view.RosterFilter(query, tipe, kab, kec, status)
filtered = cached.roster_filtered(rid, flt)
pages = roster_view.page_count(len(filtered))
# A new filter starts at page 1; a shared link keeps its page on the first run.
signature = repr(flt)
changed = st.session_state.get("_psks_filter") not in (None, signature)
st.session_state["_psks_filter"] = signature
start_page = 1 if changed else int(state.choice("hal", [str(p) for p in range(1, pages + 1)], "1"))
table_slot = st.container()  # the table sits above the pager, which must run first
page_no = st.pagination(pages, default=start_page, key=f"psks-hal-{zlib.crc32(signature.encode())}") if pages > 1 else 1
page, shown = cached.roster_page(rid, flt, page_no, lang)

state.set_params(jenis=jenis or None, tahun=year, cari=query or None, tipe=tipe or None, kab=kab or None,
                 kec=kec or None, status=status or None, hal=page.page if page.page > 1 else None,
                 lang=lang if lang != "id" else None)
with notice_slot:
    shell.notices(lang)
    if not query_ok:
        st.info(t("psks.bad_search", lang))

with table_slot:
    if page.total == 0:
        st.info(t("psks.no_rows", lang))
    else:
        st.caption(t("psks.rows_of", lang, first=fmt.number(page.first, 0, lang), last=fmt.number(page.last, 0, lang),
                     total=fmt.number(page.total, 0, lang)))
        st.dataframe(shown,
                     hide_index=True, width="stretch", height="content", key="psks-roster",
                     column_config={t("psks.col_nama", lang): st.column_config.TextColumn(width=210)}, alt=t("psks.roster_heading", lang))
if page.total:
    # Generated on click from the shared roster and the filter: no per-session copy is kept.
    st.download_button(t("psks.download_roster", lang, total=fmt.number(page.total, 0, lang)),
                       lambda: views.csv_bytes(roster_view.download_frame(cached.roster_filtered(rid, flt))),
                       file_name=f"psks-roster-DATA-CONTOH-{rid[:10]}.csv", mime="text/csv", key="dl-psks-roster",
                       on_click="ignore")

with st.expander(t("psks.kec_counts_heading", lang)):
    st.caption(t("psks.kec_counts_note", lang))
    counts = cached.roster_kecamatan_counts(rid, flt, lang)
    st.dataframe(counts.drop(columns="kode_kecamatan").rename(columns={
        "kecamatan": t("psks.col_kecamatan", lang), "kabkota": t("psks.col_kabkota", lang),
        "jumlah": t("psks.col_jumlah", lang)}), hide_index=True, width="stretch")

with st.expander(t("psks.method_heading", lang)):
    st.markdown(t("psks.method_body", lang))
st.markdown(t("psks.more_method", lang))
shell.footer(lang)

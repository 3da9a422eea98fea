"""The public PSKS roster block: search first, filters in one row, 25 rows per page from the server."""

from __future__ import annotations

import html
import zlib

import pandas as pd
import streamlit as st

from dashboard import cached
from dashboard.data import reference
from dashboard.data.roster import HIDDEN_NAME
from dashboard.logic import roster_view
from dashboard.text import fmt
from dashboard.text.i18n import t
from dashboard.ui import pickers, state
from dashboard.viewmodel.common import csv_bytes


def _filters(lang: str) -> roster_view.RosterFilter:
    query, query_ok = roster_view.clean_query(st.query_params.get("cari"))
    if not query_ok:
        st.info(t("psks.bad_search", lang))
    query, _ = roster_view.clean_query(st.text_input(
        t("psks.search_label", lang), value=query, key="psks-cari", help=t("psks.search_help", lang),
        max_chars=roster_view.MAX_QUERY_LENGTH, placeholder=t("psks.search_placeholder", lang)))
    names = roster_view.psks_names(lang)
    with st.expander(t("psks.filters", lang)):
        types = [""] + sorted(names, key=names.get)
        tipe = st.selectbox(t("psks.type_label", lang), types, index=types.index(state.choice("tipe", types, "")),
                            format_func=lambda c: names.get(c) or t("psks.all_types", lang), key="psks-tipe")
        kab = pickers.pick_kabkota(lang, "psks", allow_all=True, param="kab")
        kec_table = reference.kecamatan()
        scope = kec_table[kec_table["kode_bps_kabkota"] == kab] if kab else kec_table
        kec_names = dict(zip(kec_table["kode_bps"], kec_table["nama"], strict=True))
        options = [""] + list(scope["kode_bps"])
        raw_kec = st.query_params.get("kec", "")
        # A kecamatan left over from the previous kab/kota is reset quietly: the visitor changed the kab/kota.
        stale = bool(kab) and raw_kec in kec_names and not raw_kec.startswith(kab)
        kec = st.selectbox(t("psks.kecamatan", lang), options,
                           index=options.index("" if stale else state.choice("kec", options, "")),
                           format_func=lambda c: kec_names.get(c) or t("psks.all_kecamatan", lang),
                           key=f"psks-kec-{kab}")
        statuses = ["", *roster_view.STATUSES]
        status = st.selectbox(t("psks.status_label", lang), statuses,
                              index=statuses.index(state.choice("status", statuses, "")),
                              format_func=lambda s: t(f"psks.status_{s.replace(' ', '_')}", lang) if s
                              else t("psks.all_statuses", lang), key="psks-status")
    return roster_view.RosterFilter(query, tipe, kab, kec, status)


def roster_block(rid: str, mode: str, lang: str) -> dict:
    """The roster section; returns the URL parameters it owns."""
    flt = _filters(lang)
    filtered = cached.roster_filtered(rid, flt)
    pages = roster_view.page_count(len(filtered))
    # A new filter starts at page 1; a shared link keeps its page on the first run.
    signature = repr(flt)
    changed = st.session_state.get("_psks_filter") not in (None, signature)
    st.session_state["_psks_filter"] = signature
    start = 1 if changed else int(state.choice("hal", [str(p) for p in range(1, pages + 1)], "1"))
    table_slot = st.container()  # the table sits above the pager, which must run first
    page_no = st.pagination(pages, default=start, key=f"psks-hal-{zlib.crc32(signature.encode())}") if pages > 1 else 1
    page, shown = cached.roster_page(rid, flt, page_no, lang)
    if lang != "id":  # the roster's placeholder for a withheld name is stored in Indonesian
        name_col = t("psks.col_nama", lang)
        shown = shown.assign(**{name_col: shown[name_col].replace(HIDDEN_NAME, t("psks.name_withheld", lang))})
    with table_slot:
        if page.total == 0:
            st.info(t("psks.no_rows", lang))
        else:
            st.caption(t("psks.rows_of", lang, first=fmt.number(page.first, 0, lang),
                         last=fmt.number(page.last, 0, lang), total=fmt.number(page.total, 0, lang)))
            # Cards: a 360 px phone shows every field without sideways scrolling; the table is one tap away.
            st.html(roster_cards(shown, lang))
            with st.expander(t("common.table_view", lang)):
                st.dataframe(shown, hide_index=True, width="stretch", height="content", key="psks-roster",
                             alt=t("psks.roster_heading", lang))
    if page.total:
        # Generated on click from the shared roster and the filter: no per-session copy is kept.
        st.download_button(t("psks.download_roster", lang, total=fmt.number(page.total, 0, lang)),
                           lambda: csv_bytes(roster_view.download_frame(cached.roster_filtered(rid, flt), mode)),
                           file_name=f"psks-roster{'-DATA-CONTOH' if mode == 'contoh' else ''}-{rid[:10]}.csv",
                           mime="text/csv", key="dl-psks-roster", on_click="ignore")
    with st.expander(t("psks.kec_counts_heading", lang)):
        st.caption(t("psks.kec_counts_note", lang))
        counts = cached.roster_kecamatan_counts(rid, flt, lang)
        st.dataframe(counts.drop(columns="kode_kecamatan").rename(columns={
            "kecamatan": t("psks.col_kecamatan", lang), "kabkota": t("psks.col_kabkota", lang),
            "jumlah": t("psks.col_jumlah", lang)}), hide_index=True, width="stretch")
    return {"cari": flt.query or None, "tipe": flt.jenis or None, "kab": flt.kabkota or None,
            "kec": flt.kecamatan or None, "status": flt.status or None, "hal": page.page if page.page > 1 else None}


def roster_cards(shown: pd.DataFrame, lang: str) -> str:
    """One card per listed person or organisation: name, type, where, status, term and SK (escaped)."""
    col = {c: t(f"psks.col_{c}", lang) for c in roster_view.DISPLAY_COLUMNS}
    cards = []
    for row in shown.to_dict("records"):
        place = ", ".join(p for p in (row[col["desa"]], f"{t('psks.kecamatan', lang)} {row[col['kecamatan']]}",
                                      row[col["kabkota"]]) if p)
        facts = [f"{t('psks.status_label', lang)}: {row[col['status']]}"]
        if row[col["masa_tugas"]]:
            facts.append(f"{col['masa_tugas']}: {row[col['masa_tugas']]}")
        cards.append(
            "<li class='roster-card'>"
            f"<div class='rc-name'>{html.escape(str(row[col['nama']]))}</div>"
            f"<div class='rc-type'>{html.escape(str(row[col['jenis']]))}</div>"
            f"<div>{html.escape(place)}</div>"
            f"<div class='rc-meta'>{html.escape(' · '.join(facts))}</div>"
            + (f"<div class='rc-meta'>SK {html.escape(str(row[col['sk']]))}</div>" if row[col["sk"]] else "")
            + "</li>")
    return f"<ul class='roster-cards' aria-label='{html.escape(t('psks.roster_heading', lang), quote=True)}'>" \
        + "".join(cards) + "</ul>"

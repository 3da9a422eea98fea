"""Blocks of the Data & Metodologi page: labelled tables, the status legend, files, the revision log."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboard import cached
from dashboard.logic import roster_view
from dashboard.text import fmt
from dashboard.text.i18n import t
from dashboard.ui import shell, state
from dashboard.viewmodel import method
from dashboard.viewmodel.common import csv_bytes


def table(shown: method.ShownTable, lang: str, **kwargs) -> None:
    """A table built once per release and language (:class:`dashboard.viewmodel.method.ShownTable`).

    On a phone the grid would hide most columns behind sideways scrolling, so there each row is a
    card of label/value lines instead (CSS picks one of the two by the screen's width).
    """
    with st.container(key=f"wide-table-{shown.key}"):
        st.dataframe(shown.data, hide_index=True, width="stretch", **kwargs)
    with st.container(key=f"narrow-table-{shown.key}"):
        if shown.folded:  # hundreds of cards are a very long page: one tap away
            with st.expander(t("metodologi.cards_all", lang, n=fmt.number(shown.rows, 0, lang))):
                st.html(shown.cards)
        else:
            st.html(shown.cards)


def legend(lang: str) -> None:
    st.header(t("metodologi.legend_heading", lang))
    st.html("<ul class='status-legend'>" + "".join(
        f"<li>{shell.badge(s, lang)} {html.escape(t(f'metodologi.legend_{s}', lang))}</li>"
        for s in ("resmi", "contoh", "campuran")) + "</ul>")


def sources(view: method.MethodView, report: dict, boundaries: tuple[str, str], lang: str) -> None:
    """Sources and licences: every data file's provenance, the boundaries' attribution and licence link
    (``boundaries``), and the sources of the published figures."""
    st.header(t("metodologi.sources_heading", lang))
    provenance_files(report, lang)
    st.subheader(t("metodologi.boundaries_sub", lang))
    st.html(f"<p>{html.escape(boundaries[0])} "
            f"<a href=\"{html.escape(boundaries[1], quote=True)}\" rel=\"noopener noreferrer\" target=\"_blank\">"
            f"{html.escape(t('metodologi.licence_link', lang))}</a></p>")
    with st.expander(t("metodologi.resmi_sources_sub", lang, count=len(view.sources),
                       figures=int(view.sources["figures"].sum()))):
        st.markdown(t("metodologi.resmi_sources_intro", lang))
        st.html(view.sources_html)


def provenance_files(report: dict, lang: str) -> None:
    st.subheader(t("metodologi.files_sub", lang))
    st.markdown(t("metodologi.files_intro", lang))
    table(report["shown"], lang, column_config={t("metodologi.col_source_url", lang): st.column_config.LinkColumn()})
    if report["problems"]:
        st.error(t("metodologi.provenance_problems", lang) + "\n\n" + "\n".join(f"- {p}" for p in report["problems"]))
    else:
        st.success(t("metodologi.provenance_ok", lang, count=len(report["files"])))


def revisions(rid: str, log: pd.DataFrame, lang: str) -> int:
    """The revision log, one server-side page at a time; returns the page shown."""
    st.subheader(t("metodologi.revisions_sub", lang))
    st.markdown(t("metodologi.revisions_intro", lang))
    return paged(rid, "revisions", log, "hal", lang, empty=t("metodologi.no_revisions", lang),
                 download=t("metodologi.download_revisions", lang, total=fmt.number(len(log), 0, lang)),
                 file_name=f"riwayat-revisi-{rid[:10]}.csv")


def paged(rid: str, which: str, frame: pd.DataFrame, param: str, lang: str, empty: str, download: str,
          file_name: str) -> int:
    """One of Metodologi's long tables (``which``: revisions, quality), 25 rows per page built on the
    server (a page in the URL as ``param``), and the whole table as a CSV; returns the page shown."""
    pages = roster_view.page_count(len(frame))
    start = int(state.choice(param, [str(p) for p in range(1, pages + 1)], "1"))
    slot = st.container()  # the table sits above the pager, which must run first
    page_no = st.pagination(pages, default=start, key=f"metodologi-{param}") if pages > 1 else 1
    page = roster_view.page_slice(frame, page_no)
    with slot:
        if page.total == 0:
            st.info(empty)
        else:
            st.caption(t("metodologi.rows_of", lang, first=fmt.number(page.first, 0, lang),
                         last=fmt.number(page.last, 0, lang), total=fmt.number(page.total, 0, lang)))
            table(cached.method_page(rid, which, page.page, lang), lang, height="content", key=f"metodologi-{which}")
    if page.total:
        st.download_button(download, lambda: csv_bytes(frame), file_name=file_name, mime="text/csv",
                           key=f"dl-{which}", on_click="ignore")
    return page.page

"""Blocks of the Data & Metodologi page: labelled tables, the status legend, files, the revision log."""

from __future__ import annotations

import html
import zlib

import pandas as pd
import streamlit as st

from dashboard.logic import roster_view
from dashboard.text import fmt
from dashboard.text.i18n import t
from dashboard.ui import shell, state
from dashboard.viewmodel import method
from dashboard.viewmodel.common import csv_bytes

#: On a phone, tables of more rows than this show their cards folded.
FOLD_CARDS = 60


def table(frame: pd.DataFrame, lang: str, **kwargs) -> None:
    """A table whose column names come from the page's catalogue (``metodologi.col_<name>``).

    On a phone the grid would hide most columns behind sideways scrolling, so there each row is a
    card of label/value lines instead (CSS picks one of the two by the screen's width).
    """
    shown = frame.rename(columns={c: t(f"metodologi.col_{c}", lang) for c in frame.columns})
    name = f"{zlib.crc32(repr((list(shown.columns), shown.head(3).to_numpy().tolist())).encode()):08x}"
    with st.container(key=f"wide-table-{name}"):
        st.dataframe(shown, hide_index=True, width="stretch", **kwargs)
    with st.container(key=f"narrow-table-{name}"):
        if len(shown) > FOLD_CARDS:  # hundreds of cards are a very long page: one tap away
            with st.expander(t("metodologi.cards_all", lang, n=fmt.number(len(shown), 0, lang))):
                st.html(row_cards(shown))
        else:
            st.html(row_cards(shown))


def row_cards(frame: pd.DataFrame) -> str:
    """Each row as a card: the first column as its heading, then "column: value" for the others."""
    cards = []
    for row in frame.itertuples(index=False):
        first, *rest = [("" if pd.isna(v) else str(v)) for v in row]
        lines = "".join(f"<div><span class='k'>{html.escape(str(col))}:</span> {html.escape(value)}</div>"
                        for col, value in zip(frame.columns[1:], rest, strict=True) if value)
        cards.append(f"<li class='roster-card'><div class='rc-name'>{html.escape(first)}</div>{lines}</li>")
    return "<ul class='roster-cards'>" + "".join(cards) + "</ul>"


def legend(lang: str) -> None:
    st.header(t("metodologi.legend_heading", lang))
    st.html("<ul class='status-legend'>" + "".join(
        f"<li>{shell.badge(s, lang)} {html.escape(t(f'metodologi.legend_{s}', lang))}</li>"
        for s in ("resmi", "contoh", "campuran")) + "</ul>")


def provenance_files(report: dict, lang: str) -> None:
    st.subheader(t("metodologi.files_sub", lang))
    st.markdown(t("metodologi.files_intro", lang))
    table(report["files"], lang, column_config={t("metodologi.col_source_url", lang): st.column_config.LinkColumn()})
    if report["problems"]:
        st.error(t("metodologi.provenance_problems", lang) + "\n\n" + "\n".join(f"- {p}" for p in report["problems"]))
    else:
        st.success(t("metodologi.provenance_ok", lang, count=len(report["files"])))


def revisions(rid: str, log: pd.DataFrame, lang: str) -> int:
    """The revision log, one server-side page at a time; returns the page shown."""
    st.subheader(t("metodologi.revisions_sub", lang))
    st.markdown(t("metodologi.revisions_intro", lang))
    pages = roster_view.page_count(len(log))
    start = int(state.choice("hal", [str(p) for p in range(1, pages + 1)], "1"))
    slot = st.container()  # the table sits above the pager, which must run first
    page_no = st.pagination(pages, default=start, key="metodologi-hal") if pages > 1 else 1
    page = roster_view.page_slice(log, page_no)
    with slot:
        if page.total == 0:
            st.info(t("metodologi.no_revisions", lang))
        else:
            st.caption(t("metodologi.rows_of", lang, first=fmt.number(page.first, 0, lang),
                         last=fmt.number(page.last, 0, lang), total=fmt.number(page.total, 0, lang)))
            rows = method.revision_rows(page.rows, lang)
            rows["perubahan"] = rows["perubahan"].map(lambda c: t(f"metodologi.change_{c}", lang))
            rows["status"] = rows["status"].map(lambda s: t(f"common.status_{s}", lang) if s else "")
            table(rows, lang, height="content", key="metodologi-revisions")
    if page.total:
        st.download_button(t("metodologi.download_revisions", lang, total=fmt.number(page.total, 0, lang)),
                           lambda: csv_bytes(log), file_name=f"riwayat-revisi-{rid[:10]}.csv", mime="text/csv",
                           key="dl-revisions", on_click="ignore")
    return page.page

"""The top bar of every page: labelled page links, the language switch and the light edition.

Streamlit's own top navigation folds into a bare "»" icon on a phone and its menu stays open over
the page after a choice; this bar is always visible instead, wraps to two short rows at 360 px,
and a link switches the page directly (nothing to close). Each link carries ``lang`` (Streamlit's
page links drop query parameters otherwise), and :func:`dashboard.ui.state.lang` keeps the language
in the session as a second guard.
"""

from __future__ import annotations

import html
from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from dashboard.text.i18n import LANGS, t
from dashboard.ui import state

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
LIGHT_EDITION = "/site/"

CSS = """
<style>
/* The bar replaces Streamlit's empty header: nothing fixed sits over the page or the links. */
header[data-testid="stHeader"] {height: 0 !important; min-height: 0 !important; background: transparent !important;}
.st-key-topbar {border-bottom: 1px solid #d0d7de; padding-bottom: .35rem; gap: .25rem !important;}
.st-key-topnav {gap: .1rem .25rem !important;}
.st-key-topnav [data-testid="stPageLink"] a {padding: .2rem .55rem; min-height: 2.25rem; border-radius: .4rem;}
.st-key-topnav [data-testid="stPageLink"] a span, .st-key-topnav [data-testid="stPageLink"] p {
  font-size: .95rem; white-space: nowrap;}
.st-key-topnav a[aria-current="page"], .st-key-topnav a.active {background: #e6f0fa; font-weight: 700;}
.st-key-toplang {align-items: center; gap: .25rem .75rem !important;}
.st-key-toplang .light-link {font-size: .9rem; white-space: nowrap;}
.st-key-toplang .light-link a {color: #1f5f99;}
</style>
"""


def top_bar(pages: list[tuple[object, str]], lang: str) -> None:
    """``pages``: (page object, title) in menu order. Renders the bar at the top of the page."""
    st.html(CSS)
    if st.session_state.get("_lang_switch") != lang:
        st.session_state["_lang_switch"] = lang  # the switch shows the language the page is in
    with st.container(key="topbar"):
        with st.container(horizontal=True, key="topnav", gap=None):
            for page, title in pages:
                st.page_link(page, label=title, query_params=state.lang_params(lang))
        with st.container(horizontal=True, key="toplang", gap=None):
            st.segmented_control(t("common.language", lang), LANGS, key="_lang_switch",
                                 format_func=LANGUAGE_NAMES.get, on_change=_switch, label_visibility="collapsed")
            st.html(f"<div class='light-link'><a href='{LIGHT_EDITION}' target='_top'>"
                    f"{html.escape(t('common.light_link_short', lang))}</a></div>", width="content")


def page_link(slug: str, label: str, lang: str, icon: str | None = None, **params: str) -> None:
    """A link to another page of the app that keeps the language (``params`` become its query).

    Inside the app this is ``st.page_link`` (the page switches without a reload). A page script run
    on its own (AppTest of one page) has no page list to link into; it gets the same address as a
    plain link instead.
    """
    query = {**params, **state.lang_params(lang)}
    try:
        st.page_link(f"views/{slug}.py", label=label, icon=icon, query_params=query)
    except StreamlitPageNotFoundError:
        address = html.escape(f"/{'' if slug == 'beranda' else slug}?{urlencode(query)}".rstrip("?"), quote=True)
        st.html(f"<a href='{address}' target='_self'>{html.escape(label)}</a>", width="content")


def _switch() -> None:
    chosen = st.session_state.get("_lang_switch")
    if chosen in LANGS:
        state.remember_lang(chosen)
    else:  # a second click on the chosen option clears the control: keep the language shown
        st.session_state["_lang_switch"] = st.session_state.get(state.LANG_KEY, LANGS[0])

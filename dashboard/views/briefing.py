"""Layar Briefing: the figures as full-screen slides for a meeting-room screen, rotating by themselves.

The slide set is chosen by the URL (program, kode, tahun, tema, detik, lang), built once per release
and slide set (``cached.briefing_html``) and shown in one iframe that fills the window. The slides
rotate in the browser: after the first run nothing reaches the server until the page is reloaded.
"""

from __future__ import annotations

import html

import streamlit as st

from dashboard import cached
from dashboard.text.i18n import t
from dashboard.ui import state
from dashboard.viewmodel import briefing

#: Only on this page: no Streamlit header, navigation, padding or footer; the slides' frame covers the
#: window; elements keep full opacity while a reconnect reruns the page. The "Connection error" dialog
#: is hidden too: the slides rotate in the browser and stay correct while the server is away, and
#: Streamlit reconnects by itself (with the same URL) when it is back.
HOST_CSS = """<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stStatusWidget"],
[data-testid="stDialog"], footer, #MainMenu { display: none !important; }
html, body, [data-testid="stAppViewContainer"], [data-testid="stMain"] { overflow: hidden !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 0 !important; max-width: none !important; }
[data-stale="true"], .stElementContainer { opacity: 1 !important; transition: none !important; }
iframe[data-testid="stIFrame"] { position: fixed !important; inset: 0 !important; width: 100vw !important;
  height: 100vh !important; border: 0 !important; z-index: 999990; background: #000; }
.briefing-notice { position: fixed; left: 50%; bottom: 40px; transform: translateX(-50%); z-index: 999995;
  background: #0b1320; color: #fff; font: 600 28px/1.3 system-ui, sans-serif; padding: 16px 28px; border-radius: 12px;
  max-width: 80vw; border: 3px solid #fff; animation: briefing-fade 12s forwards; }
@keyframes briefing-fade { 0%, 85% { opacity: 1; } 100% { opacity: 0; visibility: hidden; } }
</style>"""

lang = state.lang()
rid = cached.release_id()
params, rejected = briefing.parse_params(st.query_params.to_dict() | {"lang": lang}, cached.briefing_choices(rid))
rejected += state.take_bad_params()
st.html(HOST_CSS)
document = cached.briefing_html(rid, params)
st.iframe(document, height=1080, tab_index=0, alt=t("briefing.frame_title", lang))
if rejected:
    # Shown over the slides for a few seconds, so whoever set up the screen sees the link was wrong.
    names = ", ".join(sorted(set(rejected)))
    st.html(f"<div class='briefing-notice' role='status'>{html.escape(t('common.bad_param', lang, names=names))}</div>")

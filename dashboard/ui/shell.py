"""The frame around every page: page config, styles, language, banners, footer, error boundary."""

from __future__ import annotations

import html
import logging
import traceback
from collections.abc import Callable

import streamlit as st

from dashboard import cached
from dashboard.text.i18n import t
from dashboard.ui import state

log = logging.getLogger("dashboard")

CSS = """
<style>
/* One column and no horizontal scrolling at 360 px; readable type; visible focus. */
/* The page navigation is the first block of the page (dashboard/ui/nav.py): no fixed header to clear. */
.block-container {padding: 1rem 1rem 3rem; max-width: 1200px;}
html, body {font-size: 16px;}
:focus-visible {outline: 3px solid #1f5f99 !important; outline-offset: 2px;}
.badge {display:inline-block; padding:.1rem .5rem; border-radius:.25rem; font-size:.8rem; font-weight:600;}
.badge-resmi {background:#e6f0fa; color:#0b3d6b; border:1px solid #1f5f99;}
.badge-contoh, .badge-campuran {background:#fff1e0; color:#7a3d00; border:1px solid #b35900;}
.demo-banner {background:#fff1e0; border:2px solid #b35900; color:#4a2500; padding:.5rem .75rem; border-radius:.4rem; margin-bottom:.5rem;}
.kpi {border:1px solid #d0d7de; border-radius:.5rem; padding:.75rem 1rem; margin-bottom:.75rem; background:#fff;}
.kpi .v {font-size:1.9rem; font-weight:700; line-height:1.2; color:#1b1f24;}
.kpi .l {font-size:.95rem; color:#1b1f24;}
.kpi .s {font-size:.85rem; color:#57606a;}
.figure-note {font-size:.9rem; color:#1b1f24;}
.site-footer {margin-top:2rem; padding-top:.75rem; border-top:1px solid #d0d7de; font-size:.85rem; color:#57606a;}
[data-testid="stDecoration"], #MainMenu {display:none !important;}
.picked-full {display:none;}
[class*="st-key-narrow-table-"] {display:none !important;} .roster-card .k {color:#57606a;}
/* Links to pages wrap like text (Streamlit cuts them at one line). */
[data-testid="stPageLink"] a span, [data-testid="stPageLink"] p {white-space:normal !important; overflow:visible !important;
  text-overflow:clip !important;}
.cards {display:grid; grid-template-columns:repeat(auto-fill, minmax(260px, 1fr)); gap:.75rem;}
.cards .kpi {margin-bottom:0;}
.roster-cards {list-style:none; margin:0 0 .5rem; padding:0; display:grid; gap:.5rem;
  grid-template-columns:repeat(auto-fill, minmax(280px, 1fr));}
.roster-card {border:1px solid #d0d7de; border-radius:.5rem; padding:.5rem .75rem; font-size:.9rem; line-height:1.35;
  overflow-wrap:anywhere; margin:0;}
.roster-card .rc-name {font-weight:700; font-size:1rem;}
.roster-card .rc-type {color:#1b1f24;}
.roster-card .rc-meta {color:#57606a; font-size:.85rem;}
.pairs {display:grid; grid-template-columns:minmax(0, 1fr) max-content; gap:.3rem 1rem; margin:0 0 .75rem !important;
  padding:0 !important; max-width:720px;}
.pairs .badge {font-size:.72rem;}
.pairs dt {margin:0; overflow-wrap:anywhere;}
.pairs dd {margin:0; text-align:right; max-width:12rem;} .pairs dd .v {display:inline-block; font-weight:600; white-space:nowrap; margin-right:.35rem;}
ul.roster-cards {padding-left:0 !important; margin-left:0 !important;}
.pairs dt, .pairs dd {padding:.2rem 0; border-bottom:1px solid #eaeef2;}
@media (max-width: 640px) {
  .kpi .v {font-size:1.6rem;} .block-container {padding: .5rem .6rem 2rem;}
  h1 {font-size: 1.7rem !important; line-height: 1.2 !important;}
  h2 {font-size: 1.35rem !important; line-height: 1.25 !important;}
  h3 {font-size: 1.15rem !important;}
  .picked-full {display:block; font-size:.85rem; color:#1b1f24; margin-top:-.5rem;}
  [class*="st-key-narrow-table-"] {display:flex !important;} [class*="st-key-wide-table-"] {display:none !important;}
  .demo-banner {font-size:.9rem; padding:.35rem .5rem;}
}
</style>
"""


def setup() -> tuple[str, str]:
    """Styles, the demonstration banner and the stale-release notice; returns (language, release id).

    The release id is read once here: every builder the page calls gets this id, so one page run
    never mixes two releases.
    """
    lang = state.lang()
    st.html(CSS)
    served = cached.served()
    if served.release.mode == "contoh":
        st.html(f"<div class='demo-banner' role='status'>{badge('contoh', lang)} "
                f"{html.escape(t('common.demo_banner', lang))}</div>")
    if served.skipped:
        st.warning(t("common.stale_release", lang, release=served.release.release_id))
    return lang, served.release.release_id


def notices(lang: str) -> None:
    bad = state.take_bad_params()
    if bad:
        st.info(t("common.bad_param", lang, names=", ".join(sorted(bad))))


def badge(status: str, lang: str) -> str:
    if not status:
        return ""
    return f"<span class='badge badge-{status}'>{t(f'common.status_{status}', lang)}</span>"


def kpi(label: str, value: str, sub: str, status: str, lang: str) -> str:
    """A figure card: label and status badge, the value, a line of period, change and source."""
    return (f"<div class='kpi'><div class='l'>{html.escape(label)} {badge(status, lang)}</div>"
            f"<div class='v'>{html.escape(value)}</div><div class='s'>{html.escape(sub)}</div></div>")


def data_per(rid: str, lang: str) -> str:
    return t("common.data_per", lang, date=cached.data_per(rid, lang))


def footer(rid: str, lang: str) -> None:
    light = html.escape(t("common.light_link", lang))
    st.html(f"<div class='site-footer'>{html.escape(t('common.footer', lang))} · "
            f"{html.escape(data_per(rid, lang))} · {html.escape(t('common.release', lang))} {html.escape(rid)} · "
            f"<a href='/site/' target='_top'>{light}</a></div>")


def guarded(render: Callable[[], None]) -> None:
    """Run a page; any unexpected error becomes a friendly Indonesian message, details to the log."""
    try:
        render()
    except Exception as exc:
        if type(exc).__name__ in ("RerunException", "StopException"):
            raise
        log.error("page failed: %s\n%s", exc, traceback.format_exc())
        st.error(t("common.error_friendly", state.lang()))

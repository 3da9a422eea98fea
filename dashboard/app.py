"""Entry point: ``streamlit run dashboard/app.py``. One page list drives ``st.navigation``.

The page folder is ``views/`` (a folder named ``pages/`` would switch on Streamlit's legacy page
discovery beside ``st.navigation``).
"""

from __future__ import annotations

import streamlit as st

from dashboard import cached
from dashboard.data.release import ReleaseError
from dashboard.text.i18n import LANGS, t
from dashboard.ui import shell, state

#: (url path, script, title key). The first is the default page.
PAGES = [
    ("beranda", "views/beranda.py", "common.page_beranda"),
    ("peta", "views/peta.py", "common.page_peta"),
    ("tren", "views/tren.py", "common.page_tren"),
    ("wilayah", "views/wilayah.py", "common.page_wilayah"),
    ("psks", "views/psks.py", "common.page_psks"),
    ("cari", "views/cari.py", "common.page_cari"),
    ("metodologi", "views/metodologi.py", "common.page_metodologi"),
    ("briefing", "views/briefing.py", "common.page_briefing"),
]


def page_path(slug: str) -> str:
    """The URL path of a page: the default page lives at the root (``/beranda`` would not be found)."""
    return "" if slug == PAGES[0][0] else slug


def main() -> None:
    lang = state.lang()
    st.set_page_config(page_title=t("common.app_title", lang), page_icon="📊", layout="wide",
                       initial_sidebar_state="collapsed")
    pages = [st.Page(script, title=t(title, lang), url_path=slug, default=(i == 0))
             for i, (slug, script, title) in enumerate(PAGES)]
    nav = st.navigation(pages, position="top")
    try:
        cached.served()
    except ReleaseError:
        st.error(t("common.no_release", lang))
        st.stop()
    if nav.url_path != "briefing":
        _language_switch(lang)
    shell.guarded(nav.run)
    cached.freeze_gc()


def _language_switch(lang: str) -> None:
    def switch() -> None:
        st.query_params["lang"] = st.session_state["_lang_switch"]

    st.segmented_control(t("common.language", lang), LANGS, default=lang, key="_lang_switch",
                         format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code],
                         on_change=switch, label_visibility="collapsed")


main()

"""Entry point: ``streamlit run dashboard/app.py``. One page list drives ``st.navigation``.

The page folder is ``views/`` (a folder named ``pages/`` would switch on Streamlit's legacy page
discovery beside ``st.navigation``).
"""

from __future__ import annotations

import streamlit as st

from dashboard import cached
from dashboard.data.release import ReleaseError
from dashboard.text.i18n import t
from dashboard.ui import nav as ui_nav
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
    titles = [t(title, lang) for _, _, title in PAGES]
    pages = [st.Page(script, title=titles[i], url_path=slug, default=(i == 0))
             for i, (slug, script, _) in enumerate(PAGES)]
    # Hidden: the pages' own bar (dashboard/ui/nav.py) stays usable on a phone and keeps the language.
    nav = st.navigation(pages, position="hidden")
    try:
        cached.served()
    except ReleaseError:
        st.error(t("common.no_release", lang))
        st.stop()
    if nav.url_path != "briefing":
        ui_nav.top_bar(list(zip(pages, titles, strict=True)), lang)
    shell.guarded(nav.run)
    cached.freeze_gc()


main()

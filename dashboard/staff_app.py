"""Staff entry point, separate from the public site:

    streamlit run dashboard/staff_app.py --server.baseUrlPath staf

Run by ``deploy.launch`` as its own process on its own port, reachable only through nginx at
``/staf/`` behind a password (docs/staff.md). Pages live in ``staff_views/``: statistics upload,
the PSKS roster import, releases and rollback. Every page checks who is signed in first.
"""

from __future__ import annotations

import streamlit as st

from dashboard.staff_views import _common as common

#: (url path, script, title). The first is the default page.
PAGES = [
    ("unggah", "staff_views/unggah.py", "Unggah angka"),
    ("roster", "staff_views/roster.py", "Roster PSKS"),
    ("rilis", "staff_views/rilis.py", "Rilis & pemulihan"),
]


def main() -> None:
    st.set_page_config(page_title="Staf Dinsos Banten — Dasbor", page_icon="🗂️", layout="wide",
                       initial_sidebar_state="collapsed")
    user = common.require_user()
    nav = st.navigation([st.Page(script, title=title, url_path=slug, default=i == 0)
                         for i, (slug, script, title) in enumerate(PAGES)], position="top")
    st.caption(f"Halaman staf (tidak publik) · masuk sebagai **{user}** · setiap tindakan dicatat di audit.csv")
    nav.run()


main()

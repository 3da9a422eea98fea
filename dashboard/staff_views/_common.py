"""What every staff page shares: who is signed in, the upload widget, problem tables, publishing outputs.

Identity
--------
``DASHBOARD_STAFF_AUTH=proxy`` (default): nginx checks the password (HTTP basic auth) and passes the
user name in ``X-Dasbor-User``, together with ``X-Dasbor-Proxy``, a random token the launcher gives
both nginx and this process (``DASHBOARD_STAFF_PROXY_TOKEN``). nginx overwrites both headers on every
request, so a client cannot choose them; a request that reaches the staff worker without the token
(someone on the server talking to its port directly) is refused. ``DASHBOARD_STAFF_AUTH=oidc``:
Streamlit's own login (``st.login`` with ``[auth]`` in ``.streamlit/secrets.toml``); the user name is
the e-mail address the identity provider vouches for. See docs/staff.md.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from dashboard import settings
from dashboard.data import audit, private_store
from dashboard.data.schema import Problem

USER_HEADER = "X-Dasbor-User"
TOKEN_HEADER = "X-Dasbor-Proxy"
USER_KEY = "_staf_pengguna"


def user_from_headers(headers: Mapping[str, str], token: str | None) -> str | None:
    """The proxy-authenticated user name, or None unless the proxy token matches and the name is sane."""
    if not token:
        return None
    supplied = headers.get(TOKEN_HEADER) or ""
    if not hmac.compare_digest(supplied.encode(), token.encode()):
        return None
    user = (headers.get(USER_HEADER) or "").strip()
    return user if audit.USER_NAME.match(user) else None


def require_user() -> str:
    """The signed-in member of staff; stops the page with a refusal when there is none."""
    mode = os.environ.get("DASHBOARD_STAFF_AUTH", "proxy")
    if mode == "oidc":
        if not st.user.is_logged_in:
            st.title("Dasbor Staf Dinsos Banten")
            st.button("Masuk dengan akun Dinsos", on_click=st.login, type="primary")
            st.stop()
        user = str(st.user.get("email") or "")
        user = user if audit.USER_NAME.match(user) else None
    else:
        user = user_from_headers(st.context.headers, os.environ.get("DASHBOARD_STAFF_PROXY_TOKEN"))
    if user is None:
        st.error("Akses ditolak: halaman staf hanya dapat dibuka melalui alamat /staf/ dengan login.")
        st.stop()
    st.session_state[USER_KEY] = user
    return user


def problem_table(problems: list[Problem]) -> pd.DataFrame:
    """Problems as staff read them: row, column, value (only where the checker kept one), rule."""
    ordered = sorted(problems, key=lambda p: (p.row is None, p.row or 0, p.column or ""))
    return pd.DataFrame({
        "berkas": [p.file for p in ordered],
        "baris": [str(p.row) if p.row is not None else "" for p in ordered],
        "kolom": [p.column or "" for p in ordered],
        "nilai": [p.value or "" for p in ordered],
        "aturan": [p.rule for p in ordered],
    })


def uploaded(key: str, label: str) -> tuple[str, bytes, str] | None:
    """(cleaned name, bytes, sha256) of the file in the uploader, or None."""
    up = st.file_uploader(label, type=["xlsx", "csv", "txt", "tsv"], key=key)
    if up is None:
        return None
    data = up.getvalue()
    return private_store.safe_name(up.name), data, private_store.sha256_bytes(data)


def confirm(key: str, text: str, button: str) -> bool:
    """An explicit confirmation: the button is enabled only after the box is ticked."""
    agreed = st.checkbox(text, key=f"{key}-setuju")
    return st.button(button, type="primary", disabled=not agreed, key=f"{key}-tombol") and agreed


def write_public_outputs() -> None:
    """Open data and light pages of the new release (as the publish command does)."""
    from dashboard.publish import write_outputs

    with st.spinner("Menulis data terbuka dan halaman ringan…"):
        try:
            write_outputs()
        except Exception as exc:  # the release is published; the outputs can be rebuilt by command
            st.warning("Rilis sudah terbit, tetapi data terbuka/halaman ringan gagal ditulis "
                       f"({type(exc).__name__}); jalankan `python -m dashboard.data outputs` di server.")


def public_base_url() -> str:
    """Where the public pages are, for the links of the preview (the one setting)."""
    return settings.current().public_url

"""Maps a visitor can tap: the kab/kota map (SVG) and the kecamatan map (Leaflet), one small component.

A Streamlit custom component (``dashboard/ui/regionmap/``: one HTML, one JS, one CSS file, no
library, no build step). It is declared from a folder rather than as an inline ``st.components.v2``
component because inline component code is loaded from a ``blob:`` URL, which the app's
Content-Security-Policy (``script-src 'self'`` plus hashes, docs/deploy.md) refuses; files served
by the app itself pass.

The component returns ``{kode, n}`` for each tap; ``n`` changes on every tap, so a value is acted on
once even though Streamlit returns a component's last value on every rerun.
"""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

_component = components.declare_component("regionmap", path=str(Path(__file__).with_name("regionmap")))
_CODE = re.compile(r"\d{4}|\d{7}")


def tapped_map(spec: dict, key: str) -> str | None:
    """Draw a map from ``spec`` (see :mod:`dashboard.logic.regionmap`); the code of a new tap, else None."""
    value = _component(spec=spec, key=key, default=None)
    if not isinstance(value, dict):
        return None
    code, nonce = value.get("kode"), value.get("n")
    seen = f"_{key}_seen"
    if not isinstance(code, str) or not _CODE.fullmatch(code) or st.session_state.get(seen) == nonce:
        return None
    st.session_state[seen] = nonce
    return code


def frame_spec(src: str, title: str, hint: str, height: int, selected: str = "") -> dict:
    """The spec of the Leaflet kecamatan map: its sandboxed page, outlined choice and height."""
    return {"mode": "frame", "src": src, "title": title, "hint": hint, "height": height, "selected": selected}

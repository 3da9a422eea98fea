"""The view lives in the URL: every choice a page offers is a query parameter, validated.

Unknown or malformed values fall back to the default and are reported once, in a notice, so a
copied link always reopens a view (the same one when the link was good).
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dashboard.text.i18n import DEFAULT_LANG, normalise_lang

MAX_PARAM_LENGTH = 160
LANG_KEY = "_lang"


def _bad() -> list[str]:
    return st.session_state.setdefault("_bad_params", [])


def choice(name: str, allowed: Sequence[str], default: str) -> str:
    """The value of query parameter ``name`` if it is one of ``allowed``, else ``default``."""
    raw = st.query_params.get(name)
    if raw is None:
        return default
    if len(raw) <= MAX_PARAM_LENGTH and raw in allowed:
        return raw
    if name not in _bad():
        _bad().append(name)
    return default


def year_choice(name: str, years: Sequence[int], default: int) -> int:
    value = choice(name, [str(y) for y in years], str(default))
    return int(value)


def lang() -> str:
    """The visitor's language: ``?lang=`` when the URL has it, else the one chosen earlier in the session.

    Links between pages (the navigation, ``st.switch_page``, a link in a text) may drop ``lang``; the
    session remembers it and the URL gets it back, so English survives every navigation.
    """
    raw = st.query_params.get("lang")
    if raw is None:
        remembered = st.session_state.get(LANG_KEY, DEFAULT_LANG)
        if remembered != DEFAULT_LANG:
            st.query_params["lang"] = remembered
        return remembered
    if normalise_lang(raw) != raw and "lang" not in _bad():
        _bad().append("lang")
    st.session_state[LANG_KEY] = normalise_lang(raw)
    return normalise_lang(raw)


def remember_lang(code: str) -> None:
    """The language switch: the URL and the session both take the new choice."""
    st.session_state[LANG_KEY] = normalise_lang(code)
    st.query_params["lang"] = normalise_lang(code)


def lang_params(code: str) -> dict[str, str]:
    """Query parameters that keep the language on a link to another page."""
    return {"lang": code} if code != DEFAULT_LANG else {}


def set_params(**values: object) -> None:
    """Write the current choices to the URL (only when they changed: each write is a round trip)."""
    for key, value in values.items():
        text = "" if value is None else str(value)
        if st.query_params.get(key) != text:
            if text:
                st.query_params[key] = text
            elif key in st.query_params:
                del st.query_params[key]


def take_bad_params() -> list[str]:
    """Names of parameters that were rejected in this run (and forget them)."""
    bad = list(_bad())
    _bad().clear()
    return bad


def codes_choice(name: str, allowed: Sequence[str], default: Sequence[str]) -> list[str]:
    """A comma-separated list parameter: the allowed codes it names, else ``default`` (noticed)."""
    raw = st.query_params.get(name)
    if raw is None:
        return list(default)
    asked = [c for c in raw[:MAX_PARAM_LENGTH * 4].split(",") if c]
    chosen = [c for c in dict.fromkeys(asked) if c in allowed]
    if len(chosen) != len(asked) or not chosen:
        if name not in _bad():
            _bad().append(name)
        chosen = chosen or list(default)
    return chosen

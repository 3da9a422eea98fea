"""String catalogue: every text a visitor reads, in Bahasa Indonesia (default) and English.

Keys are namespaced by file: ``dashboard/locales/<lang>/<namespace>.json`` holds ``{"key": "text"}``
and is addressed as ``"<namespace>.<key>"``. One file per page keeps concurrent edits apart. Both
languages must have exactly the same keys (a test enforces it). Texts may hold ``{name}`` fields.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LANGS = ("id", "en")
DEFAULT_LANG = "id"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locales"


@lru_cache(maxsize=len(LANGS))
def catalogue(lang: str) -> dict[str, str]:
    """All keys of one language, flattened to ``namespace.key``."""
    entries: dict[str, str] = {}
    for path in sorted((LOCALE_DIR / lang).glob("*.json")):
        for key, text in json.loads(path.read_text(encoding="utf-8")).items():
            entries[f"{path.stem}.{key}"] = text
    return entries


def normalise_lang(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **fields: object) -> str:
    """The text for ``key`` in ``lang``; falls back to Indonesian, then to the key itself.

    A missing key is a bug the parity test catches; at run time the visitor sees the key rather
    than a crash.
    """
    text = catalogue(normalise_lang(lang)).get(key) or catalogue(DEFAULT_LANG).get(key) or key
    return text.format(**fields) if fields else text

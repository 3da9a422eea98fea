"""The string catalogue: both languages have the same keys and placeholders, and every key the code
asks for exists."""

from __future__ import annotations

import json
import re
import string

import pytest

from dashboard.settings import REPO_ROOT
from dashboard.text import i18n

DASHBOARD = REPO_ROOT / "dashboard"
NAMESPACES = sorted({p.stem for lang in i18n.LANGS for p in (i18n.LOCALE_DIR / lang).glob("*.json")})
# t("namespace.key", ...) with a whole literal key; keys built at run time (f-strings, "a." + b) are skipped.
T_CALL = re.compile(r"""(?<![\w.])t\(\s*(["'])([A-Za-z0-9_]+\.[A-Za-z0-9_.]+)\1\s*[,)]""")


def load(lang: str, namespace: str) -> dict[str, str]:
    path = i18n.LOCALE_DIR / lang / f"{namespace}.json"
    assert path.exists(), f"{path.relative_to(REPO_ROOT)} is missing"
    return json.loads(path.read_text(encoding="utf-8"))


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def used_keys() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(DASHBOARD.rglob("*.py")):
        for match in T_CALL.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(2), []).append(str(path.relative_to(REPO_ROOT)))
    return found


def test_there_are_namespaces():
    assert "common" in NAMESPACES


@pytest.mark.parametrize("namespace", NAMESPACES)
def test_both_languages_have_the_same_keys(namespace):
    ids, ens = load("id", namespace), load("en", namespace)
    assert sorted(set(ids) - set(ens)) == [], "missing in English"
    assert sorted(set(ens) - set(ids)) == [], "missing in Indonesian"


@pytest.mark.parametrize("namespace", NAMESPACES)
def test_placeholders_are_the_same_in_both_languages(namespace):
    ids, ens = load("id", namespace), load("en", namespace)
    differ = {k: (sorted(fields(ids[k])), sorted(fields(ens[k]))) for k in ids.keys() & ens.keys()
              if fields(ids[k]) != fields(ens[k])}
    assert differ == {}


@pytest.mark.parametrize("namespace", NAMESPACES)
def test_no_text_is_empty(namespace):
    for lang in i18n.LANGS:
        empty = [k for k, v in load(lang, namespace).items() if not str(v).strip()]
        assert empty == [], lang


def test_the_source_scan_finds_calls():
    keys = used_keys()
    assert "common.app_title" in keys and len(keys) > 20


def test_every_literal_key_used_in_the_code_exists():
    catalogue = i18n.catalogue("id")
    missing = {key: where for key, where in used_keys().items() if key not in catalogue}
    assert missing == {}


@pytest.mark.parametrize(
    ("source", "keys"),
    [
        ('t("common.source", lang)', ["common.source"]),
        ("t('peta.title')", ["peta.title"]),
        ('st.t("x.y")', []),                      # another object's method
        ('t(f"common.status_{s}")', []),           # built at run time
        ("fmt(\"a.b\")", []),
        ('t("briefing.badge_" + status, lang)', []),  # concatenated at run time
    ],
)
def test_key_scanner(source, keys):
    assert [m.group(2) for m in T_CALL.finditer(source)] == keys


def test_t_fills_fields_and_falls_back():
    assert i18n.t("common.data_per", "id", date="5 Maret 2024") == "Data per 5 Maret 2024"
    assert i18n.t("common.source", "xx") == i18n.t("common.source", "id")
    assert i18n.t("tidak.ada") == "tidak.ada"


@pytest.mark.parametrize(
    "key",
    # Keys the code builds at run time (charts: status badge; views: level name in sentences).
    ["common.status_resmi", "common.status_contoh", "common.status_campuran", "common.level_kabkota",
     "common.level_kecamatan", "common.no_data", "common.source", "common.status", "common.data_per"],
)
def test_keys_built_at_run_time_exist(key):
    for lang in i18n.LANGS:
        assert key in i18n.catalogue(lang), lang

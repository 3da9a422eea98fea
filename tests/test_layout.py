"""Layout rules of the code base (see README "Layout rules"), checked on the source itself.

Only the rendering layer touches Streamlit; caching lives in one module; pages live in ``views/``
(never ``pages/``, which switches on Streamlit's legacy page discovery); modules stay small.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dashboard.paths import REPO_ROOT

DASHBOARD = REPO_ROOT / "dashboard"
MODULES = sorted(DASHBOARD.rglob("*.py"))
STREAMLIT_PACKAGES = {"streamlit", "streamlit_folium"}
MAX_LINES = 300  # STYLE.md says ~250; this is the hard stop


def rel(path: Path) -> str:
    return path.relative_to(DASHBOARD).as_posix()


def may_import_streamlit(path: Path) -> bool:
    name = rel(path)
    return name in ("app.py", "cached.py", "staff_app.py") or name.startswith(("ui/", "views/", "staff_views/"))


def imported_packages(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def parse(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_modules_are_found():
    assert {"app.py", "cached.py", "logic/fmt.py", "data/release.py"} <= {rel(p) for p in MODULES}


@pytest.mark.parametrize(
    ("source", "found"),
    [("import streamlit as st", True), ("from streamlit.testing.v1 import AppTest", True),
     ("from streamlit_folium import st_folium", True), ("import pandas", False),
     ("from . import streamlit", False), ("def f():\n    import streamlit\n", True)],
)
def test_import_scanner(source, found):
    assert bool(imported_packages(ast.parse(source)) & STREAMLIT_PACKAGES) is found


def test_only_the_rendering_layer_imports_streamlit():
    offenders = [rel(p) for p in MODULES
                 if not may_import_streamlit(p) and imported_packages(parse(p)) & STREAMLIT_PACKAGES]
    assert offenders == [], "pure modules (data/, logic/, geo/, ...) must not import streamlit"


def test_caching_decorators_live_only_in_cached_py():
    offenders = []
    for path in MODULES:
        for node in ast.walk(parse(path)):
            if isinstance(node, ast.Attribute) and node.attr in ("cache_data", "cache_resource") \
                    and rel(path) != "cached.py":
                offenders.append(f"{rel(path)}:{node.lineno}")
    assert offenders == []


def test_there_is_no_pages_folder():
    assert not (DASHBOARD / "pages").exists()
    assert not (REPO_ROOT / "pages").exists()


def app_pages() -> list[tuple[str, str, str]]:
    for node in parse(DASHBOARD / "app.py").body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "PAGES" for t in targets):
                return ast.literal_eval(node.value)
    raise AssertionError("dashboard/app.py has no PAGES list")


def test_every_page_in_the_page_list_exists():
    pages = app_pages()
    assert len(pages) >= 3
    missing = [script for _, script, _ in pages if not (DASHBOARD / script).is_file()]
    assert missing == []
    slugs = [slug for slug, _, _ in pages]
    assert len(set(slugs)) == len(slugs)
    assert all(script.startswith("views/") for _, script, _ in pages)


def test_every_view_file_is_in_the_page_list():
    listed = {script for _, script, _ in app_pages()}
    on_disk = {rel(p) for p in (DASHBOARD / "views").glob("*.py") if not p.name.startswith("_")}
    assert on_disk - listed == set(), "a page file that no navigation entry reaches"


def test_modules_stay_small():
    lengths = sorted(((len(p.read_text(encoding="utf-8").splitlines()), rel(p)) for p in MODULES), reverse=True)
    longest = ", ".join(f"{name} ({lines})" for lines, name in lengths[:5])
    too_long = [f"{name} ({lines} lines)" for lines, name in lengths if lines > MAX_LINES]
    assert too_long == [], (
        f"modules over {MAX_LINES} lines hold two ideas; split them: {too_long}. Longest: {longest}")

"""Layout rules of the code base (README "Layout rules"), checked on the source itself.

The README's layout table is the rule: every package imports only what its "may import" column
lists (``dashboard.*`` packages, and streamlit where it is listed); caching lives in one module; pages
live in ``views/`` (never ``pages/``, which switches on Streamlit's legacy page discovery); modules
stay small.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from dashboard.settings import REPO_ROOT

DASHBOARD = REPO_ROOT / "dashboard"
MODULES = sorted(DASHBOARD.rglob("*.py"))
STREAMLIT_PACKAGES = {"streamlit", "streamlit_folium"}
MAX_LINES = 300  # STYLE.md says ~250; this is the hard stop


def rel(path: Path) -> str:
    return path.relative_to(DASHBOARD).as_posix()


def may_import_streamlit(path: Path) -> bool:
    name = rel(path)
    found = rule_for(path, layout_table())
    return name in ENTRY_POINTS or (found is not None and "streamlit" in found[1])


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


ENTRY_POINTS = {"app.py", "staff_app.py"}


def layout_table() -> dict[str, set[str]]:
    """README layout table: folder or module (relative to ``dashboard/``) -> what it may import.

    Only ``dashboard.*`` names and ``streamlit`` are read from the "may import" column.
    """
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Layout rules", 1)[1].split("\n## ", 1)[0]
    rules = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 4 or not cells[0].startswith("`dashboard/"):
            continue
        where = cells[0].strip("`").removeprefix("dashboard/")
        allowed = set(re.findall(r"`(dashboard\.[a-z_]+)`", cells[2]))
        if re.search(r"\bstreamlit\b", cells[2]):
            allowed.add("streamlit")
        rules[where] = allowed
    return rules


def rule_for(path: Path, rules: dict[str, set[str]]) -> tuple[str, set[str]] | None:
    name = rel(path)
    if name in rules:
        return name, rules[name]
    for where, allowed in rules.items():
        if where.endswith("/") and name.startswith(where):
            return where, allowed
    return None


def own_package(where: str) -> str:
    return "dashboard." + where.rstrip("/").removesuffix(".py")


def dashboard_imports(tree: ast.AST) -> set[str]:
    """``dashboard.<package>`` names a module imports (``from dashboard import x`` counts as x)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {".".join(a.name.split(".")[:2]) for a in node.names if a.name.startswith("dashboard.")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "dashboard":
                found |= {f"dashboard.{a.name}" for a in node.names}
            elif node.module.startswith("dashboard."):
                found.add(".".join(node.module.split(".")[:2]))
    return found


def test_the_layout_table_covers_every_package():
    rules = layout_table()
    assert {"data/", "logic/", "viewmodel/", "site/", "ui/", "views/", "cached.py"} <= set(rules)
    packages = {p.name for p in DASHBOARD.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    modules = {p.name for p in DASHBOARD.glob("*.py") if p.name not in ENTRY_POINTS | {"__init__.py"}}
    listed = {w.rstrip("/") for w in rules}
    assert packages - listed == set(), "a package missing from the README layout table"
    assert modules - listed == set(), "a top-level module missing from the README layout table"


def test_every_module_imports_only_what_the_layout_table_allows():
    rules = layout_table()
    offenders = []
    for path in MODULES:
        if path.name == "__main__.py" or rel(path) in ENTRY_POINTS:
            continue  # entry points may import any layer
        found = rule_for(path, rules)
        if found is None:
            continue  # test_the_layout_table_covers_every_package names it
        where, allowed = found
        tree = parse(path)
        used = dashboard_imports(tree) - {own_package(where)}
        if imported_packages(tree) & STREAMLIT_PACKAGES:
            used.add("streamlit")
        extra = used - allowed
        if extra:
            offenders.append(f"{rel(path)} imports {sorted(extra)} (table row {where})")
    assert offenders == []


def test_the_layout_rule_can_fail():
    """The checker itself: an upward import is found, an allowed one is not."""
    tree = ast.parse("from dashboard.logic import derive\nfrom dashboard import cached\nimport dashboard.data.release")
    assert dashboard_imports(tree) == {"dashboard.logic", "dashboard.cached", "dashboard.data"}


def test_modules_are_found():
    assert {"app.py", "cached.py", "text/fmt.py", "data/release.py"} <= {rel(p) for p in MODULES}


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

"""The public app never reaches the private folder: no module it can import (transitively, from the
entry point, views, ui, cached.py, site and logic) refers to private_dir or imports the private store or
the roster import. The staff app does (positive control: the scanner finds it there)."""

from __future__ import annotations

import ast
from pathlib import Path

from dashboard.settings import REPO_ROOT

DASHBOARD = REPO_ROOT / "dashboard"
PUBLIC_ROOTS = ["app.py", "cached.py", "views", "ui", "site", "logic", "viewmodel", "briefing", "publish.py"]
PRIVATE_MODULES = {"dashboard.data.private_store", "dashboard.data.roster_import", "dashboard.data.commands"}
PRIVATE_WORDS = ("private_dir", "DASHBOARD_PRIVATE_DIR", "private_store", "data/private")


def module_file(name: str) -> Path | None:
    parts = name.split(".")
    if parts[0] != "dashboard":
        return None
    base = REPO_ROOT.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return {n for n in found if n.startswith("dashboard")}


def closure(roots: list[Path]) -> dict[str, Path]:
    """Every dashboard module reachable by imports from ``roots`` (name -> file)."""
    seen: dict[str, Path] = {}
    todo = [(str(p.relative_to(REPO_ROOT).with_suffix("")).replace("/", "."), p) for p in roots]
    while todo:
        name, path = todo.pop()
        if name in seen:
            continue
        seen[name] = path
        for imported in imports_of(path):
            found = module_file(imported)
            if found is not None:
                todo.append((imported, found))
    return seen


def public_roots() -> list[Path]:
    files = []
    for root in PUBLIC_ROOTS:
        target = DASHBOARD / root
        files += sorted(target.rglob("*.py")) if target.is_dir() else [target]
    return files


def offenders(modules: dict[str, Path]) -> list[str]:
    found = [name for name in modules if name in PRIVATE_MODULES]
    for name, path in modules.items():
        if path.name == "settings.py":
            continue  # where private_dir is defined, not used
        text = path.read_text(encoding="utf-8")
        found += [f"{name}: {word}" for word in PRIVATE_WORDS if word in text]
    return found


def test_public_app_never_reaches_private_data():
    modules = closure(public_roots())
    assert "dashboard.data.release" in modules and "dashboard.logic.opendata" in modules  # the scan works
    assert offenders(modules) == []


def test_the_scanner_finds_the_staff_side():
    staff = closure([DASHBOARD / "staff_app.py", *sorted((DASHBOARD / "staff_views").glob("*.py"))])
    assert {"dashboard.data.private_store", "dashboard.data.roster_import"} <= set(staff)
    assert offenders(staff)

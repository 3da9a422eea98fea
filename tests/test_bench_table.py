"""The README's benchmark tables are generated from bench/results/ (like ``cog --check``): a figure edited
by hand in the README, or results committed without running ``python -m bench.table``, fail here.
Nothing here times anything; the figures come from the committed results files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench import table
from bench.pages import PAGES
from bench.results import RESULTS_DIR
from bench.run import NAMES

REPO = Path(__file__).resolve().parents[1]
KEYS = {"name", "title", "command", "date", "commit", "cores", "load_start", "load_end", "columns", "rows", "notes",
        "data"}


def _results() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(RESULTS_DIR.glob("*.json"))]


def test_readme_tables_are_what_the_results_generate():
    assert not table.differs(), "README.md differs from bench/results/: run `python -m bench.table`"


def test_the_check_fails_when_a_figure_changes(tmp_path):
    readme, results = tmp_path / "README.md", tmp_path / "results"
    shutil.copy(REPO / "README.md", readme)
    shutil.copytree(RESULTS_DIR, results)
    assert table.main(["--check", "--readme", str(readme), "--results", str(results)]) == 0
    pages = results / "pages.json"
    data = json.loads(pages.read_text(encoding="utf-8"))
    data["rows"][0][1] = "999.9 ms"
    pages.write_text(json.dumps(data), encoding="utf-8")
    assert table.main(["--check", "--readme", str(readme), "--results", str(results)]) == 1
    assert table.main(["--readme", str(readme), "--results", str(results)]) == 0  # regenerate
    assert "| 999.9 ms |" in readme.read_text(encoding="utf-8")
    assert table.main(["--check", "--readme", str(readme), "--results", str(results)]) == 0


def test_a_readme_without_markers_is_refused(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Dasbor\n\nno tables here\n", encoding="utf-8")
    with pytest.raises(table.MarkersMissing):
        table.differs(readme)


def test_every_results_file_records_its_conditions():
    results = _results()
    assert {r["name"] for r in results} >= {"pages", "client", "search", "briefing", "geo_build", "fresh_clone"}
    for r in results:
        assert set(r) == KEYS, r["name"]
        assert r["cores"] >= 1 and len(r["load_start"]) == 3 and len(r["load_end"]) == 3, r["name"]
        assert r["command"].startswith("python -m bench."), r["name"]
        assert r["rows"] and all(len(row) == len(r["columns"]) for row in r["rows"]), r["name"]


def test_the_page_results_cover_all_eight_pages_and_the_three_baselines():
    pages = next(r for r in _results() if r["name"] == "pages")
    labels = [row[0] for row in pages["rows"]]
    assert [NAMES[p] for p in PAGES] == [label for label in labels if label in NAMES.values()]
    assert sum("baseline" in label for label in labels) == 2 and any("Streamlit defaults" in label for label in labels)

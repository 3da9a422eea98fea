"""The README's counts of published figures are generated from the import report, never typed."""

from __future__ import annotations

from dashboard.data import sourced_report
from dashboard.settings import REPO_ROOT


def test_readme_table_equals_the_import_report():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert sourced_report.with_readme_table(readme) == readme, \
        "README counts are stale: run `python -m dashboard.data sources --tulis`"


def test_the_table_changes_when_the_report_does():
    report = sourced_report.import_report()
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    fewer = sourced_report.with_readme_table(readme, report.iloc[:-1])
    assert fewer != readme

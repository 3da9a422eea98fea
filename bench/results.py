"""Results of a benchmark as one JSON file in ``bench/results/``: the raw numbers, the table the README
shows (rendered by ``python -m bench.table``), and the conditions of the run (command, date, commit,
cores, load average at start and end: the machine is shared, so the figures are meant to be read as
ratios to a baseline measured in the same run).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO / "bench" / "results"


def commit() -> str:
    """Short commit of the checkout measured, with ``+changes`` when the work tree differs from it."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True,
                              timeout=30).stdout.strip()

    head = git("rev-parse", "--short=10", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "dashboard", "deploy", "bench")
    return head + ("+changes" if dirty else "")


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def ratio(value: float | None, baseline: float | None) -> str:
    """``value / baseline`` as ``"0.52x"``; a dash when either is missing."""
    if value is None or baseline is None or baseline == 0:
        return "—"
    return f"{value / baseline:.2f}x"


def fmt(value: float | None, unit: str, digits: int = 1) -> str:
    """``12.3 ms``; a dash for a missing value; never ``-0.0``."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return f"{text} {unit}".strip()


@dataclass
class Results:
    """One benchmark's results; ``start()`` when measuring begins, ``save()`` at the end."""

    name: str
    title: str
    command: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    data: dict = field(default_factory=dict)
    date: str = ""
    commit: str = ""
    cores: int = 0
    load_start: list[float] = field(default_factory=list)
    load_end: list[float] = field(default_factory=list)

    def start(self) -> Results:
        self.date = dt.date.today().isoformat()
        self.commit = commit()
        self.cores = os.cpu_count() or 0
        self.load_start = load_average()
        return self

    def finish(self) -> Results:
        """Note the load average at the end of measuring."""
        self.load_end = load_average()
        return self

    def add(self, *cells: str) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"row {cells} has {len(cells)} cells for {len(self.columns)} columns")
        self.rows.append([str(c) for c in cells])

    def save(self, folder: Path = RESULTS_DIR) -> Path:
        self.load_end = self.load_end or load_average()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.name}.json"
        body = {k: getattr(self, k) for k in ("name", "title", "command", "date", "commit", "cores", "load_start",
                                              "load_end", "columns", "rows", "notes", "data")}
        path.write_text(json.dumps(body, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return path

    def markdown(self) -> str:
        lines = ["| " + " | ".join(self.columns) + " |", "|" + " --- |" * len(self.columns)]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines)

    def print(self) -> None:
        print(f"{self.title} ({self.command}; load average {self.load_start} -> {self.load_end or load_average()})")
        print(self.markdown())
        for note in self.notes:
            print(f"- {note}")
        sys.stdout.flush()


def command_line(module: str, argv: list[str] | None) -> str:
    """How the benchmark was started, as the README shows it."""
    args = sys.argv[1:] if argv is None else argv
    return " ".join(["python -m", module, *args])

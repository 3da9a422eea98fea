"""cached.freeze_gc: the first run freezes what importing the app made; later runs freeze after a cache
filled, and at least every REFREEZE_RUNS runs (run in a fresh interpreter: freezing the test process
would keep its garbage forever)."""

from __future__ import annotations

import subprocess
import sys

from dashboard.settings import REPO_ROOT

SCRIPT = """
import gc
from dashboard import cached
assert gc.get_freeze_count() == 0
cached.freeze_gc()
first = gc.get_freeze_count()
assert first > 10_000, first  # pandas, plotly, the view models: imported, long-lived
kept = [[i] for i in range(1000)]  # lists are tracked by the collector
cached.freeze_gc()
assert gc.get_freeze_count() == first  # nothing filled since: nothing frozen
cached._filled.set()  # what a builder does when it fills a cache
cached.freeze_gc()
second = gc.get_freeze_count()
assert second >= first + 1000
# Without a fill, what survives runs (pandas' dead weakrefs to views of cached frames) is frozen every
# REFREEZE_RUNS runs, not scanned by every post-run collection for ever.
import pandas as pd
frame = pd.DataFrame({"a": range(10)})
views = []
for run in range(2 * cached.REFREEZE_RUNS):
    views.append(frame["a"])
    cached.freeze_gc()
assert gc.get_freeze_count() > second
print("ok")
"""


def test_first_run_freezes_the_imports_and_later_runs_only_after_a_fill():
    run = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stderr[-2000:]

"""A small run of the load benchmark (bench/load.py) against one worker: three sessions, two
interactions each. It must measure every run, and it must report errors when the app shows one."""

from __future__ import annotations

import asyncio
import contextlib
import math

import pytest

from bench.load import LoadResult, quantile, require_loopback, run_load, table
from deploy.launch import Stack, free_port

SESSIONS, INTERACTIONS = 3, 2


@pytest.fixture(scope="module")
def workers(data_env, tmp_path_factory):
    """One worker on a real release, one on an empty releases folder (the app's no-data error)."""
    empty = tmp_path_factory.mktemp("no-releases")
    with contextlib.ExitStack() as stacks:
        good = stacks.enter_context(Stack(workers=1, port=free_port(), with_nginx=False, env=dict(data_env),
                                          run_dir=tmp_path_factory.mktemp("run-good")))
        broken = stacks.enter_context(Stack(workers=1, port=free_port(), with_nginx=False, warm_pages=[],
                                            env={**data_env, "DASHBOARD_RELEASES_DIR": str(empty)},
                                            run_dir=tmp_path_factory.mktemp("run-empty")))
        yield good, broken


def small_run(stack: Stack) -> LoadResult:
    return asyncio.run(run_load(stack.worker_urls[0], SESSIONS, INTERACTIONS, interval=0.2, time_limit=60,
                                pids=stack.worker_pids, warm_urls=[]))


def test_every_run_is_measured_without_errors(workers):
    result = small_run(workers[0])
    assert result.errors == []
    assert len(result.first_load_s) == SESSIONS
    assert len(result.interaction_s) == SESSIONS * INTERACTIONS
    assert all(0 < t < 60 for t in result.first_load_s + result.interaction_s)
    assert result.bytes > 0
    assert result.rss_start_mb > 50 and result.rss_peak_mb >= result.rss_start_mb
    assert result.cpu_s > 0
    assert "| 3 | 9 | 0 |" in table([result])


def test_an_error_on_the_page_is_counted(workers):
    result = small_run(workers[1])
    assert len(result.errors) == SESSIONS * (1 + INTERACTIONS)
    assert all("error_alerts=1" in e for e in result.errors)
    assert result.first_load_s == [] and result.interaction_s == []


def test_a_dead_server_is_an_error_not_a_hang():
    result = asyncio.run(run_load(f"http://127.0.0.1:{free_port()}", 2, 1, interval=0.1, time_limit=20,
                                  warm_urls=[]))
    assert len(result.errors) == 2 and all("Connection refused" in e or "Errno 111" in e for e in result.errors)


@pytest.mark.parametrize(("q", "expected"), [(0.5, 5), (0.95, 10), (0.1, 1), (1.0, 10)])
def test_quantile_is_nearest_rank(q, expected):
    assert quantile([7, 3, 10, 1, 5, 9, 2, 8, 4, 6], q) == expected


def test_quantile_of_nothing_is_nan():
    assert math.isnan(quantile([], 0.5))


@pytest.mark.parametrize("url", ["http://10.0.0.1:8080", "http://example.org", "http://192.168.1.5"])
def test_only_loopback_is_accepted(url):
    with pytest.raises(ValueError, match="loopback"):
        require_loopback(url)

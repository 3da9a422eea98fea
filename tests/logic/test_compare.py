"""The one comparability rule: a change only between figures of the same series and region."""

from __future__ import annotations

import pytest

from dashboard.logic import compare
from tests.logic.figframe import fig


@pytest.mark.parametrize(
    ("before", "after", "reason"),
    [
        ({"status": "contoh"}, {}, "status"),
        ({"unit": "pedagang kecil"}, {}, "unit"),
        ({"period": "Maret"}, {"period": "September"}, "period"),
        ({"program": "JSK"}, {}, "series"),
        ({"kode_wilayah": "3601"}, {}, "region"),
        ({"approx": "sekitar"}, {}, "approx"),
        ({"value": 0.0}, {}, "zero"),
    ],
)
def test_incomparable_figures_say_why(before, after, reason):
    change = compare.change(fig(year=2025, value=403.0, **after), fig(year=2024, **before))
    assert not change.comparable and change.reason == reason
    text = change.text("id")
    assert "2024" in text and "naik" not in text and "turun" not in text
    assert compare.change(fig(year=2025), fig(year=2024, **before)).text("en").startswith(("not compared", "no "))


def test_the_tren_example_from_the_issue_is_not_compared():
    """Kab. Lebak UEP: 403 KPM (2025, DATA CONTOH) against 100 pedagang kecil (2024) is no 303% rise."""
    change = compare.change(fig(year=2025, value=403.0, status="contoh", kode_wilayah="3602"),
                            fig(year=2024, value=100.0, unit="pedagang kecil", kode_wilayah="3602"))
    assert not change.comparable
    assert "303" not in change.text("id")


@pytest.mark.parametrize(
    ("old", "new", "text"),
    [(100.0, 112.3, "naik 12,3% dari 2023"), (100.0, 96.0, "turun 4,0% dari 2023"), (100.0, 100.04, "sama dengan 2023")],
)
def test_comparable_change_text(old, new, text):
    change = compare.change(fig(year=2024, value=new), fig(year=2023, value=old))
    assert change.comparable and change.text("id") == text


def test_percent_figures_change_by_points():
    change = compare.change(fig(unit="persen", value=5.65, year=2024), fig(unit="persen", value=6.20, year=2023))
    assert change.points and change.text("id") == "turun 0,55 poin persen dari 2023"
    assert change.text("en") == "down 0.55 percentage points from 2023"


def test_rounded_figures_give_an_approximate_whole_percent():
    change = compare.change(fig(value=1_500_000.0, precision=100_000.0, year=2024),
                            fig(value=1_400_000.0, precision=100_000.0, year=2023))
    assert change.rounded and change.text("id") == "naik sekitar 7% dari 2023"


def test_no_previous_and_a_zero_after_a_value_do_not_raise():
    assert compare.change(fig(), None).reason == "no_previous"
    down = compare.change(fig(value=0.0, year=2025), fig(value=50.0, year=2024))
    assert down.comparable and down.text("id") == "turun 100,0% dari 2024"

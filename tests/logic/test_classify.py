"""Map classes: bins by a stated method, a sequential palette, grey only for "tidak ada data"."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from dashboard.logic import classify as cl

EIGHT = pd.Series([235.0, 470.0, 420.0, 420.0, 650.0, 225.0, 150.0, 150.0])  # UEP 2022 style, with ties


@pytest.mark.parametrize("method", ["quantiles", "natural_breaks"])
def test_every_value_falls_in_a_class_and_classes_are_ordered(method):
    classes = cl.classify(EIGHT, method, k=5)
    assert classes.method == method
    assert classes.bins == sorted(classes.bins)
    assert classes.bins[-1] == EIGHT.max()
    assert len(classes.bins) == len(classes.colors) == len(classes.labels)
    for value in EIGHT:
        index = classes.class_of(value)
        assert value <= classes.bins[index] + 1e-9
        assert index == 0 or value > classes.bins[index - 1]
        assert classes.color_of(value) == classes.colors[index]


def test_quantile_bins_match_numpy():
    values = pd.Series(np.arange(1.0, 11.0))
    classes = cl.classify(values, "quantiles", k=5)
    expected = np.quantile(values, [0.2, 0.4, 0.6, 0.8, 1.0])
    assert classes.bins == pytest.approx(list(expected))


def test_natural_breaks_separate_obvious_groups():
    values = pd.Series([1.0, 2.0, 3.0, 101.0, 102.0, 103.0, 1001.0, 1002.0])
    classes = cl.classify(values, "natural_breaks", k=3)
    assert classes.bins == [3.0, 103.0, 1002.0]
    assert [classes.class_of(v) for v in values] == [0, 0, 0, 1, 1, 1, 2, 2]


@pytest.mark.parametrize("k", [3, 4, 5])
def test_colours_are_the_sequential_palette_light_to_dark(k):
    classes = cl.classify(pd.Series(np.arange(20.0)), "quantiles", k=k)
    assert classes.colors == cl.PALETTE[k]
    assert cl.NO_DATA_COLOR not in classes.colors


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan])
def test_missing_is_grey_and_has_no_class(missing):
    classes = cl.classify(EIGHT, "quantiles")
    assert classes.color_of(missing) == cl.NO_DATA_COLOR
    assert classes.class_of(missing) is None


def test_missing_values_do_not_shape_the_classes():
    with_gaps = pd.concat([EIGHT, pd.Series([np.nan, np.nan])], ignore_index=True)
    assert cl.classify(with_gaps, "quantiles") == cl.classify(EIGHT, "quantiles")


@pytest.mark.parametrize(
    ("values", "k", "classes"),
    [
        ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], 5, 5),
        ([1.0, 2.0, 3.0], 5, 3),           # three regions with data: at most three classes
        ([5.0, 5.0, 7.0, 7.0], 5, 2),      # two distinct values
        ([4.0, 4.0, 4.0], 5, 1),           # all equal
        ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 9, 5),  # never more than the palette has
        ([1.0, 2.0, 3.0, np.nan, np.nan], 5, 3),
    ],
)
def test_k_shrinks_to_the_distinct_values(values, k, classes):
    result = cl.classify(pd.Series(values), "quantiles", k=k)
    assert len(result.bins) == classes
    assert len(set(result.colors)) == classes
    distinct = pd.Series(values).dropna().unique()
    assert {result.class_of(v) for v in distinct} == set(range(classes))


def test_no_data_at_all_gives_no_classes():
    result = cl.classify(pd.Series([np.nan, np.nan]), "quantiles")
    assert result.bins == [] and result.colors == [] and result.labels == []
    assert result.color_of(np.nan) == cl.NO_DATA_COLOR


def test_unknown_method_is_an_error():
    with pytest.raises(ValueError, match="unknown"):
        cl.classify(EIGHT, "equal_interval")


@pytest.mark.parametrize(("lang", "sep"), [("id", "."), ("en", ",")])
def test_labels_use_the_language_grouping(lang, sep):
    classes = cl.classify(pd.Series([1000.0, 2000.0, 3000.0, 250000.0, 500000.0]), "natural_breaks", k=3, lang=lang)
    assert classes.labels[-1].endswith(f"500{sep}000")
    assert all(" – " in label or label.replace(sep, "").isdigit() for label in classes.labels)


def test_labels_start_at_the_smallest_value():
    classes = cl.classify(EIGHT, "natural_breaks", k=3)
    assert classes.labels[0].startswith("150")
    lows = [label.split(" – ")[0] for label in classes.labels[1:]]
    highs = [label.split(" – ")[-1] for label in classes.labels[:-1]]
    assert lows == highs  # each class starts where the one before ends
    assert not any(math.isnan(b) for b in classes.bins)

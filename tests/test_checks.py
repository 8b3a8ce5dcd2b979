import numpy as np
import pytest
from sklearn.linear_model import LinearRegression

from curriculum.checks import (
    CheckFailed,
    call_learner_function,
    expect_array,
    expect_at_least,
    expect_close,
    expect_fitted,
    expect_number,
)


def test_expect_array_passes_within_tolerance():
    expect_array([1.0, 2.0 + 1e-9], np.array([1.0, 2.0]), "w")


def test_expect_array_explains_a_shape_mismatch():
    with pytest.raises(CheckFailed, match=r"shape \(3,\).*shape \(4,\).*intercept"):
        expect_array(np.zeros(3), np.zeros(4), "w")
    with pytest.raises(CheckFailed, match="reshape or ravel"):
        expect_array(np.zeros((4, 1)), np.zeros(4), "w")


def test_expect_array_points_at_the_worst_element():
    with pytest.raises(CheckFailed, match=r"1 of 3 element.*w\[2\]: found 9, expected 3"):
        expect_array([1, 2, 9], [1, 2, 3], "w")


def test_expect_array_rejects_none_and_nan():
    with pytest.raises(CheckFailed, match="forget to `return`"):
        expect_array(None, np.zeros(2), "w")
    with pytest.raises(CheckFailed, match="NaN"):
        expect_array([np.nan, 1], [0, 1], "w")


def test_expect_close_and_numbers():
    expect_close(np.float32(0.5), 0.5, "r2")
    with pytest.raises(CheckFailed, match="is 0.4, but 0.5 was expected"):
        expect_close(0.4, 0.5, "r2")
    with pytest.raises(CheckFailed, match="boolean"):
        expect_number(True, "r2")
    assert expect_number(np.array([2.5]), "x") == 2.5


def test_expect_at_least():
    expect_at_least(0.93, 0.92, "score")
    with pytest.raises(CheckFailed, match="at least 0.92"):
        expect_at_least(0.5, 0.92, "score")


def test_expect_fitted():
    with pytest.raises(CheckFailed, match="has not been fitted"):
        expect_fitted(LinearRegression(), "model")
    with pytest.raises(CheckFailed, match="scikit-learn model"):
        expect_fitted("model", "model")
    expect_fitted(LinearRegression().fit([[0], [1]], [0, 1]), "model")


def test_learner_exceptions_become_check_failures():
    def broken(x):
        return x / 0

    with pytest.raises(CheckFailed, match="calling `f` raised ZeroDivisionError"):
        call_learner_function(broken, "f", 1)

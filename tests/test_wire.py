"""The data codec: what crosses between learner code and the checks, and what never does."""

import json
import struct

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LinearRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from curriculum.answers.wire import BadFrame, NotData, decode, encode


def roundtrip(value):
    return decode(encode(value))


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        0,
        -3,
        2**80,
        1.5,
        -0.0,
        float("inf"),
        1 + 2j,
        "héllo",
        b"\x00\xff",
        [1, [2.5, "x"]],
        (1, (2,)),
        {"a": 1, 2: (3,)},
        {1, 2},
        frozenset({"z"}),
    ],
)
def test_plain_values_come_back_equal_and_of_the_same_type(value):
    found = roundtrip(value)
    assert found == value and type(found) is type(value)


def test_nan_survives():
    assert np.isnan(roundtrip(float("nan")))


@pytest.mark.parametrize(
    "array",
    [
        np.arange(6.0).reshape(2, 3),
        np.arange(6).reshape(3, 2).T,
        np.array(2.5),
        np.array([True, False]),
        np.array(["ab", "c"]),
        np.zeros((0, 4)),
        np.array(["2020-01-01"], dtype="datetime64[D]"),
        np.float32(1.25),
        np.int8(-3),
    ],
)
def test_numpy_values_keep_dtype_shape_and_contents(array):
    found = roundtrip(array)
    assert type(found) is type(array) and found.dtype == array.dtype
    assert np.shape(found) == np.shape(array) and np.array_equal(found, array)


def test_arrays_come_back_writable():
    found = roundtrip(np.zeros(3))
    found[0] = 1.0
    assert found[0] == 1.0


def test_pandas_objects_come_back_equal():
    frame = pd.DataFrame(
        {"n": [1.0, 2.0], "s": ["a", None], "c": pd.Categorical(["u", "v"])},
        index=pd.Index(["r1", "r2"], name="row"),
    )
    pd.testing.assert_frame_equal(roundtrip(frame), frame)
    series = pd.Series([1, 2, 3], name="x")
    pd.testing.assert_series_equal(roundtrip(series), series)


def test_library_estimators_cross_through_skops():
    X = np.arange(20.0).reshape(10, 2)
    model = make_pipeline(StandardScaler(), LinearRegression()).fit(X, X[:, 0] * 2 + 1)
    found = roundtrip(model)
    assert np.allclose(found.predict(X), model.predict(X))


def learner_function(x):
    return x


class LearnerThing:
    pass


class LyingFloat(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (learner_function, "a function"),
        ((i for i in range(3)), "a generator"),
        (LearnerThing(), "a LearnerThing object"),
        (LyingFloat(1.0), "a LyingFloat object"),
        ([1, [LearnerThing()]], "a LearnerThing object"),
        (np.array([object()]), "dtype object"),
        (make_pipeline(FunctionTransformer(learner_function)), "code of your own"),
    ],
)
def test_anything_else_is_not_data(value, said):
    with pytest.raises(NotData, match=said):
        encode(value)


def test_self_containing_values_are_refused_not_recursed_forever():
    loop = []
    loop.append(loop)
    with pytest.raises(NotData, match="nested too deeply"):
        encode(loop)


def forged(tree, *buffers):
    header = json.dumps(tree).encode()
    parts = [struct.pack("!II", len(header), len(buffers)), header]
    for buffer in buffers:
        parts += [struct.pack("!Q", len(buffer)), buffer]
    return b"".join(parts)


@pytest.mark.parametrize(
    "frame",
    [
        b"",
        b"\x00\x00\x00\x05\x00\x00\x00\x00{",
        forged({"t": "ndarray", "dtype": "|O", "shape": [1], "b": 0}, b"\x41" * 8),
        forged({"t": "ndarray", "dtype": "<f8", "shape": [4], "b": 0}, b"\x00" * 8),
        forged({"t": "ndarray", "dtype": "<f8", "shape": [1], "b": 3}),
        forged({"t": "pickle", "v": "cos\nsystem\n"}),
        forged({"t": "sklearn", "b": 0}, b"not a zip file"),
        encode(np.arange(4.0))[:-3],
    ],
    ids=[
        "empty",
        "bad-json",
        "object-dtype",
        "wrong-size",
        "missing-buffer",
        "unknown-tag",
        "bad-skops",
        "truncated",
    ],
)
def test_bad_frames_are_refused_with_bad_frame(frame):
    with pytest.raises(BadFrame):
        decode(frame)


def test_an_estimator_holding_learner_code_is_refused_by_skops_on_the_way_in():
    import skops.io

    blob = skops.io.dumps(make_pipeline(FunctionTransformer(learner_function)))
    with pytest.raises(BadFrame, match="Untrusted"):
        decode(forged({"t": "sklearn", "b": 0}, blob))


def test_fitted_trees_forests_boosting_knn_mlp_and_imputers_cross_as_data():
    from sklearn.datasets import make_classification
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.tree import DecisionTreeClassifier

    X, y = make_classification(120, n_features=5, random_state=0)
    from sklearn.feature_selection import SelectKBest
    from sklearn.impute import SimpleImputer
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.neural_network import MLPClassifier

    for model in (
        make_pipeline(SimpleImputer(), KNeighborsClassifier()),
        make_pipeline(SelectKBest(k=2), MLPClassifier(hidden_layer_sizes=(3,), max_iter=300)),
        DecisionTreeClassifier(max_depth=3, random_state=0),
        RandomForestClassifier(n_estimators=4, random_state=0),
        HistGradientBoostingClassifier(max_iter=4),
    ):
        back = decode(encode(model.fit(X, y)))
        assert type(back) is type(model)
        assert (back.predict_proba(X) == model.predict_proba(X)).all()


def test_only_classes_defined_in_scikit_learn_itself_are_trusted_by_name():
    from curriculum.answers.wire import library_types

    names = [
        "sklearn.tree._tree.Tree",
        "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
        "sklearn.tree._tree.NoSuchThing",  # not there
        "sklearn.base.clone",  # a function, not a class
        "sklearn.tree.DecisionTreeClassifier",  # re-exported: defined in sklearn.tree._classes
        "numpy.f2py.__main__.main",
        "sklearn.__main__.X",
        "__main__.Tree",
        "os.system",
        "sklearn.tree._tree.Tree; import os",
        "numpy.dtype",  # what SimpleImputer keeps
        "sklearn.feature_selection._univariate_selection.f_classif",  # SelectKBest's default
        "sklearn.datasets._svmlight_format_io.dump_svmlight_file",  # a function that writes
    ]
    assert library_types(names) == names[:2] + names[10:12]


def test_a_learner_class_posing_as_a_library_class_is_still_refused():
    class Tree:  # a learner's own class, defined in a notebook
        pass

    Tree.__module__ = "__main__"
    with pytest.raises(NotData):
        encode(make_pipeline(FunctionTransformer(Tree)))

import pytest

from curriculum.syllabus import SYLLABUS, UnknownModuleError, find_module, module_named_by_file

EXPECTED = (
    "the_path python_numpy_scipy linear_algebra calculus_optimization probability_statistics "
    "data_wrangling linear_regression logistic_regression naive_bayes trees_ensembles svm "
    "model_evaluation clustering dimensionality_reduction neural_networks recommenders_retrieval "
    "ml_engineering capstone interview_prep"
).split()


def test_nineteen_modules_in_order():
    assert [m.slug for m in SYLLABUS] == EXPECTED
    assert [m.id for m in SYLLABUS] == [f"{i:02d}" for i in range(1, 20)]


def test_every_module_is_described():
    for module in SYLLABUS:
        assert module.title and module.career_step and module.minutes > 0
        assert len(module.objectives) >= 2
        assert module.exercise_path == f"exercises/{module.id}_{module.slug}.ipynb"
        for prerequisite in module.prerequisites:
            assert prerequisite < module.id, f"{module.id} depends on a later module"


@pytest.mark.parametrize(
    "key",
    [
        "07",
        "7",
        "linear_regression",
        "linear-regression",
        "07_linear_regression",
        "exercises/07_linear_regression.ipynb",
    ],
)
def test_find_module_accepts_ids_slugs_and_file_names(key):
    assert find_module(key).slug == "linear_regression"


def test_unknown_module_is_a_clear_error():
    with pytest.raises(UnknownModuleError, match="no module 'quantum'"):
        find_module("quantum")


def test_a_notebook_names_its_module_by_file_name_or_else_by_metadata(tmp_path):
    import json

    by_name = tmp_path / "07_linear_regression.ipynb"
    by_name.write_text("not even JSON")
    assert module_named_by_file(by_name).id == "07"
    renamed = tmp_path / "my copy (1).ipynb"
    renamed.write_text(json.dumps({"metadata": {"curriculum": {"exercise": "12"}}, "cells": []}))
    assert module_named_by_file(renamed).id == "12"
    for text in ("[1, 2]", '{"metadata": {"curriculum": [1]}}', "{broken", ""):
        renamed.write_text(text)
        assert module_named_by_file(renamed) is None, text
    assert module_named_by_file(tmp_path / "missing.ipynb") is None

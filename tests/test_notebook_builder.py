import importlib.util
import subprocess
import sys

import nbformat
import pytest

from conftest import REPO
from curriculum.exercises import available_exercises
from curriculum.notebook_builder import build_exercise_notebook, cell_role
from curriculum.validate import check_committed_notebook


def test_blank_exercise_layout(linreg):
    nb = build_exercise_notebook(linreg)
    nbformat.validate(nb)
    roles = [cell_role(c) for c in nb.cells]
    assert roles[:4] == [("intro", None), ("setup", None), ("parameters", None), ("context", None)]
    for q in linreg.questions:
        assert [r for r in roles if r[1] == q.id] == [
            ("prompt", q.id),
            ("answer", q.id),
            ("check", q.id),
        ]
    ids = [c.id for c in nb.cells]
    assert len(ids) == len(set(ids))
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and "seed = 0" in params[0].source
    assert nb.metadata.curriculum == {
        "exercise": "07_linear_regression",
        "module": "07",
        "kind": "exercise",
    }


def test_committed_exercise_matches_its_spec(linreg):
    committed = nbformat.read(str(REPO / "exercises/07_linear_regression.ipynb"), as_version=4)
    generated = build_exercise_notebook(linreg)
    assert [(c.id, c.source, c.metadata) for c in committed.cells] == [
        (c.id, c.source, c.metadata) for c in generated.cells
    ]


@pytest.mark.parametrize(
    "path", ["exercises/07_linear_regression.ipynb", "notebooks/07_linear_regression.ipynb"]
)
def test_committed_notebooks_are_clean(path):
    assert check_committed_notebook(REPO / path) == []


def test_clean_check_catches_outputs_and_downloads(tmp_path):
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "from sklearn.datasets import fetch_openml\nfetch_openml('mnist_784')"
            ),
        ]
    )
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", text="hi")]
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, str(path))
    problems = " ".join(check_committed_notebook(path))
    assert "has outputs" in problems and "reaches the network" in problems


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff not installed")
@pytest.mark.parametrize("exercise", available_exercises(), ids=lambda e: e.name)
def test_reference_solutions_are_lint_clean(exercise, tmp_path):
    """Every key, linted as code we ship (long data lines in the setup cells excepted)."""
    path = tmp_path / "key.ipynb"
    nbformat.write(build_exercise_notebook(exercise, "solution"), str(path))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--config",
            str(REPO / "pyproject.toml"),
            "--extend-ignore",
            "E501,I001,F811,F401",  # solutions may re-import; setup imports are for the learner
            str(path),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout

"""The same submission gets the same grade in separate grader processes, even when the answer
uses randomness without a seed (NumPy's global state and ``random`` are seeded from ``seed``)."""

import json
import subprocess
import sys

from conftest import solutions, write_variant

UNSEEDED = """\
import random
from sklearn.linear_model import SGDRegressor

noise = random.random() + np.random.rand()
sparse_model = SGDRegressor(penalty="l1", alpha=0.3 + noise * 1e-9, max_iter=194)
sparse_model.fit(Xs_train, ys_train)
"""


def grade_in_new_process(path):
    command = [sys.executable, "-m", "curriculum.cli", "grade", "--json", str(path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    return [(q["id"], q["points"], q["status"], q["message"]) for q in report["questions"]]


def test_unseeded_randomness_grades_the_same_in_separate_processes(linreg, tmp_path):
    answers = solutions(linreg)
    answers["q5"] = UNSEEDED
    path = write_variant(tmp_path / "07_linear_regression.ipynb", linreg, answers)
    first = grade_in_new_process(path)
    for _ in range(2):
        assert grade_in_new_process(path) == first

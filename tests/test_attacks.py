"""Learner code written to fool the grader. In each case the attacked question gets what it
deserves, wrong answers to the other questions stay failed and right ones keep their points.

The process that decides a result never runs learner code and never unpickles a learner
object: answers reach it as data, and learner functions run in a per-question process.
"""

import pytest

from conftest import solutions, write_variant
from curriculum.grading import grade_notebook
from curriculum.results import Status

WRONG_STEP = "def gradient_step(X, y, w, b, lr):\n    return w, b\n"
WRONG_R2 = "def r2(y_true, y_pred):\n    return 0.5\n"

# What an attacker runs to turn every check into a pass, in whichever process runs it.
PATCH_CHECKS = """
import sys
import curriculum.questions as _q
_names = [n for n in dir(sys.modules["curriculum.checks"]) if n.startswith(("expect_", "call_"))]
for _module in list(sys.modules.values()):
    if getattr(_module, "__name__", "").startswith("curriculum"):
        for _name in _names:
            if hasattr(_module, _name):
                setattr(_module, _name, lambda *a, **k: None)
_q.Question.evaluate_answers = lambda self, *a, **k: self.result_with(
    _q.Status.PASSED, self.points, "all checks passed")
open(MARKER, "w").write("the payload ran")
"""


def payload(marker):
    return f"MARKER = {str(marker)!r}\n" + PATCH_CHECKS


def grade_attack(linreg, tmp_path, attacks, **options):
    """Grade q1..q6 with ``attacks`` replacing some answers, q2 and q4 wrong, the rest right."""
    answers = solutions(linreg)
    answers["q2"], answers["q4"] = WRONG_STEP, WRONG_R2
    answers.update(attacks)
    path = write_variant(tmp_path / "07_linear_regression.ipynb", linreg, answers)
    report = grade_notebook(path, **options)
    assert report.graded, report.error
    return {q.id: q for q in report.questions}


def assert_rest_unchanged(results, attacked):
    expected = {"q1": "passed", "q2": "failed", "q3": "passed", "q4": "failed"}
    expected.update({"q5": "passed", "q6": "passed"})
    found = {q: str(r.status) for q, r in results.items() if q not in attacked}
    assert found == {q: s for q, s in expected.items() if q not in attacked}, {
        q: r.message for q, r in results.items()
    }
    assert results["q2"].points == 0 and results["q4"].points == 0


def test_a_function_that_patches_the_checks_when_called(linreg, tmp_path):
    marker = tmp_path / "marker"
    attack = (
        "def ols_fit(X, y):\n"
        "    exec(PAYLOAD, {})\n"
        "    return np.zeros(np.shape(X)[1] + 1)\n"
        f"PAYLOAD = {payload(marker)!r}\n"
    )
    results = grade_attack(linreg, tmp_path, {"q1": attack})
    assert marker.exists()  # it ran, on the learner's side ...
    assert results["q1"].status == Status.FAILED  # ... and changed nothing that decides
    assert_rest_unchanged(results, {"q1"})


REDUCE = """
class Payload:
    def __reduce__(self):
        return (exec, (PAYLOAD,))
PAYLOAD = {payload!r}
"""


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("q3", "test_r2 = Payload()"),  # the answer itself
        ("q3", "test_r2 = [0.5, Payload()]"),  # hidden in a list
        ("q1", "ols_fit.__dict__['extra'] = Payload()"),  # hidden in a function's __dict__
    ],
    ids=["answer", "in-a-list", "in-a-function-dict"],
)
def test_an_unpickling_payload_never_runs(linreg, tmp_path, question, code):
    marker = tmp_path / "marker"
    attack = linreg.question(question).solution + REDUCE.format(payload=payload(marker)) + code
    results = grade_attack(linreg, tmp_path, {question: attack})
    assert not marker.exists()
    if question == "q3":
        assert results["q3"].status == Status.FAILED
        assert "Payload object, which the grader cannot read as data" in results["q3"].message
    else:  # the function is still right: its __dict__ never travels
        assert results["q1"].status == Status.PASSED
    assert_rest_unchanged(results, {question})


FORGE_EVERYWHERE = """
import json, os, pickle, struct
def _forge():
    fake = {"id": "q2", "points": 2.0, "max_points": 2.0, "status": "passed",
            "message": "all checks passed"}
    frames = [json.dumps(fake).encode(), json.dumps(["finished"]).encode(),
              pickle.dumps(fake), b"\\x00" * 64]
    for fd in os.listdir("/proc/self/fd"):
        for frame in frames:
            try:
                os.write(int(fd), struct.pack("!i", len(frame)) + frame)
            except OSError:
                pass
"""


def test_a_function_that_writes_fake_results_to_every_channel(linreg, tmp_path):
    attack = (
        FORGE_EVERYWHERE
        + "def ols_fit(X, y):\n    _forge()\n    return np.zeros(np.shape(X)[1] + 1)\n"
    )
    results = grade_attack(linreg, tmp_path, {"q1": attack})
    assert results["q1"].status in (Status.FAILED, Status.ERROR)
    assert_rest_unchanged(results, {"q1"})


def test_a_cell_that_writes_fake_reports_and_pickles_to_the_grader(linreg, tmp_path):
    """The kernel's own report channel is read as JSON, never unpickled."""
    marker = tmp_path / "marker"
    forged = REDUCE.format(payload=payload(marker)) + (
        "import os, pickle, struct\n"
        "for _fd in os.listdir('/proc/self/fd'):\n"
        "    for _frame in (pickle.dumps(('finished',)), pickle.dumps(Payload())):\n"
        "        try:\n"
        "            os.write(int(_fd), struct.pack('!i', len(_frame)) + _frame)\n"
        "        except OSError:\n"
        "            pass\n"
    )
    results = grade_attack(linreg, tmp_path, {"q5": linreg.question("q5").solution + forged})
    assert not marker.exists()
    assert_rest_unchanged(results, set())


LIARS = """
class Liar(float):
    def __eq__(self, other):
        return True
    __hash__ = float.__hash__
    def __float__(self):
        return 1.0
    def __sub__(self, other):
        return 0.0
    __rsub__ = __sub__
    def __abs__(self):
        return 0.0

class LyingArray:
    def __array__(self, dtype=None, copy=None):
        return np.zeros(3)
    def __len__(self):
        return 3
    def __eq__(self, other):
        return True
    def __getitem__(self, i):
        return 0.0
"""


@pytest.mark.parametrize(
    ("question", "code", "message"),
    [
        ("q4", "def r2(y_true, y_pred):\n    return Liar(0.5)\n", "not data: it is a Liar"),
        ("q1", "def ols_fit(X, y):\n    return LyingArray()\n", "not data: it is a LyingArray"),
        ("q3", "model = LinearRegression().fit(X_train, y_train)\ntest_r2 = Liar(0.1)\n", "Liar"),
    ],
    ids=["float-subclass", "array-like", "answer-value"],
)
def test_values_that_lie_about_themselves_fail(linreg, tmp_path, question, code, message):
    prefix = "from sklearn.linear_model import LinearRegression\n" if question == "q3" else ""
    results = grade_attack(linreg, tmp_path, {question: prefix + LIARS + code})
    assert results[question].status == Status.FAILED
    assert message in results[question].message
    assert_rest_unchanged(results, {question})


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ("import os\n    os._exit(0)", Status.ERROR, "ended the process it ran in"),
        ("import os\n    os.kill(os.getpid(), 9)", Status.ERROR, "ended the process it ran in"),
        ("while True:\n        pass", Status.TIMEOUT, "ran past the 1 s"),
        (
            "import signal\n    signal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
            "    while True:\n        pass",
            Status.TIMEOUT,
            "ran past the 1 s",
        ),
    ],
    ids=["os-exit", "kill-9", "endless-loop", "loop-ignoring-the-alarm"],
)
def test_a_call_that_exits_or_hangs_costs_only_its_question(
    linreg, tmp_path, body, status, message
):
    attack = f"def r2(y_true, y_pred):\n    {body}\n"
    results = grade_attack(linreg, tmp_path, {"q4": attack}, question_timeout=1)
    assert results["q4"].status == status, results["q4"].message
    assert message in results["q4"].message
    assert_rest_unchanged(results, {"q4"})


def test_one_questions_calls_cannot_change_another_questions_state(linreg, tmp_path):
    """q1's function breaks NumPy when called; q4, checked later, is unaffected."""
    attack = (
        "def ols_fit(X, y):\n"
        "    np.sum = lambda *a, **k: 0.0\n"
        "    np.asarray = None\n"
        "    return np.zeros(3)\n"
    )
    right_r2 = linreg.question("q4").solution
    results = grade_attack(linreg, tmp_path, {"q1": attack, "q4": right_r2})
    assert results["q1"].status == Status.FAILED
    assert results["q4"].status == Status.PASSED, results["q4"].message


def test_bytes_written_to_every_descriptor_do_not_kill_the_zygote(linreg, tmp_path, capfd):
    """A byte on the zygote's keep-alive pipe used to kill it, and every later start failed."""
    scribble = (
        "import os\n"
        "for _fd in os.listdir('/proc/self/fd'):\n"
        "    try:\n"
        "        os.write(int(_fd), b'x:y\\n\\x94')\n"
        "    except OSError:\n"
        "        pass\n"
    )
    (tmp_path / "a").mkdir()
    results = grade_attack(
        linreg, tmp_path / "a", {"q1": linreg.question("q1").solution + "\n" + scribble}
    )
    assert_rest_unchanged(results, {"q1"})  # q1's cell garbled its own report channel: lost
    after = grade_notebook(write_variant(tmp_path / "key.ipynb", linreg, solutions(linreg)))
    assert after.graded and after.score == 10
    assert "Traceback" not in capfd.readouterr().err

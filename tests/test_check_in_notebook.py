"""check() inside a notebook never hangs and never shows our traceback."""

import signal
import time

import numpy as np

from curriculum.learner import bind_questions
from curriculum.results import Status

LOOPING_STEP = """\
def gradient_step(X, y, w, b, lr):
    while True:
        pass
"""


def handle(namespace, question_id, time_limit=1.0):
    found = {h.id: h for h in bind_questions("07", namespace)}[question_id]
    found.time_limit = time_limit
    return found


def test_a_looping_function_times_out_and_the_kernel_is_usable_again(linreg):
    namespace = linreg.run_context(seed=0)
    exec(LOOPING_STEP, namespace)
    started = time.monotonic()
    feedback = handle(namespace, "q2").check()
    assert time.monotonic() - started < 5
    assert feedback.status == Status.TIMEOUT
    assert "timeout: `gradient_step` ran past the 1 s" in feedback.body
    assert "endless loop" in feedback.body and "Traceback" not in repr(feedback)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # no alarm left behind
    exec(linreg.question("q2").solution, namespace)
    assert handle(namespace, "q2").check().status == Status.PASSED


def test_a_loop_that_swallows_exceptions_still_times_out(linreg):
    namespace = linreg.run_context(seed=0)
    exec(
        "def r2(y_true, y_pred):\n"
        "    while True:\n"
        "        try:\n"
        "            sum(range(1000))\n"
        "        except Exception:\n"
        "            pass\n",
        namespace,
    )
    assert handle(namespace, "q4").check().status == Status.TIMEOUT


def test_an_outer_alarm_still_fires_after_check(linreg):
    """The grader's own cell limit uses the same alarm; check() must give it back."""
    namespace = linreg.run_context(seed=0)
    exec(linreg.question("q4").solution, namespace)
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *a: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        assert handle(namespace, "q4", time_limit=5).check().status == Status.PASSED
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < remaining <= 0.5
        time.sleep(0.7)
        assert fired == [True]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_function_that_raises_gets_a_message_not_a_traceback(linreg):
    namespace = linreg.run_context(seed=0)
    exec("def ols_fit(X, y):\n    return np.linalg.inv(np.zeros((2, 2)))\n", namespace)
    feedback = handle(namespace, "q1").check()
    assert feedback.status == Status.FAILED
    assert "calling `ols_fit` raised LinAlgError: Singular matrix" in feedback.body
    assert "Traceback" not in repr(feedback) and "File " not in feedback.body


def test_a_return_value_that_is_not_data_is_named(linreg):
    namespace = linreg.run_context(seed=0)
    exec("def ols_fit(X, y):\n    return (v for v in np.zeros(3))\n", namespace)
    feedback = handle(namespace, "q1").check()
    assert feedback.status == Status.FAILED
    assert "`ols_fit` returned something that is not data: it is a generator" in feedback.body


def test_check_sees_what_the_grader_sees_for_a_lying_value(linreg):
    namespace = linreg.run_context(seed=0)
    exec(linreg.question("q3").solution, namespace)

    class Liar(float):
        def __eq__(self, other):
            return True

        __hash__ = float.__hash__

    namespace["test_r2"] = Liar(0.1)
    feedback = handle(namespace, "q3").check()
    assert feedback.status == Status.FAILED
    assert "a Liar object, which the grader cannot read as data" in feedback.body
    assert np.isfinite(namespace["test_r2"])  # the learner's value is untouched

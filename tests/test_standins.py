"""Stand-ins for learner code, over a real connection: limits on what comes back."""

import os
import threading
from multiprocessing import Pipe

import numpy as np
import pytest

from curriculum.answers import standins
from curriculum.answers.learner_side import handle_request
from curriculum.answers.standins import Budget, Channel, LearnerCallFailed, LearnerFunction, Remote
from curriculum.answers.wire import encode
from curriculum.results import Status


def serve(connection, namespace, replies=None):
    """A learner side in a thread: answers requests until the connection closes."""

    def loop():
        while True:
            try:
                frame = connection.recv_bytes()
            except (EOFError, OSError):
                return
            reply = replies.pop(0) if replies else handle_request(namespace, frame)
            if reply is None:
                connection.close()
                return
            try:
                connection.send_bytes(reply)
            except OSError:  # the checker gave up on us
                return

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    return thread


def function(namespace, name, seconds=5.0, replies=None):
    ours, theirs = Pipe()
    serve(theirs, namespace, replies)
    return LearnerFunction(name, Remote(Channel(ours), Budget(seconds)), [name])


def test_a_call_runs_on_the_other_side_and_brings_back_data():
    f = function({"double": lambda x: 2 * x}, "double")
    assert np.array_equal(f(np.arange(3)), [0, 2, 4])
    assert f.calls[0].outcome[0] == "return"


def test_a_reply_larger_than_the_limit_is_an_error(monkeypatch):
    monkeypatch.setattr(standins, "MAX_FRAME_BYTES", 10_000)
    f = function({"big": lambda: np.zeros(100_000)}, "big")
    with pytest.raises(LearnerCallFailed, match="more data than the grader accepts") as failure:
        f()
    assert failure.value.status == Status.ERROR


def test_a_side_that_goes_away_mid_call_is_an_error():
    f = function({"f": lambda: 1}, "f", replies=[None])
    with pytest.raises(LearnerCallFailed, match="ended the process it ran in") as failure:
        f()
    assert failure.value.status == Status.ERROR


def test_a_side_that_never_answers_is_a_timeout():
    ours, theirs = Pipe()  # nobody serves `theirs`
    f = LearnerFunction("f", Remote(Channel(ours), Budget(0.2)), ["f"])
    with pytest.raises(LearnerCallFailed, match="timeout") as failure:
        f()
    assert failure.value.status == Status.TIMEOUT
    theirs.close()


def test_a_reply_to_another_request_is_not_accepted():
    forged = encode((99, "return", 42.0, [], []))
    f = function({"f": lambda: 1.0}, "f", replies=[forged])
    with pytest.raises(LearnerCallFailed, match="not understood"):
        f()


def test_garbage_instead_of_a_reply_is_an_error():
    f = function({"f": lambda: 1.0}, "f", replies=[os.urandom(64)])
    with pytest.raises(LearnerCallFailed, match="could not be read"):
        f()


def test_text_and_integer_arrays_cross_as_arguments_and_changes_to_them_are_seen():
    from curriculum.answers.standins import local_answers
    from curriculum.checks import call_learner_function

    namespace = {}
    exec(
        "def spam_count(labels):\n    return int((labels == 'spam').sum())\n"
        "def relabel(labels):\n    labels[0] = 'ham'\n    return 0\n",
        namespace,
    )
    answers = local_answers(namespace, ("spam_count", "relabel"), 5)
    labels = np.array(["ham", "spam", "spam"])
    assert call_learner_function(answers.values["spam_count"], "spam_count", labels) == 2
    relabel = answers.values["relabel"]
    relabel.start_recording()
    call_learner_function(relabel, "relabel", np.array(["spam", "spam"]))
    assert relabel.calls[-1].changed == ["0"]

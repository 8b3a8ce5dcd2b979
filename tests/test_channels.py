"""The per-submission listener: only well-introduced, expected questions get a channel, and
every process that called in is killed at the end."""

import os
import signal
import subprocess
import sys
import time
from multiprocessing.connection import Client

from curriculum.answers.wire import encode
from curriculum.grading.channels import AnswerListener, socket_address

CALLER = """
import sys, time
from multiprocessing.connection import Client
sys.path[:0] = {path!r}
from curriculum.answers.wire import encode
c = Client({address!r}, family="AF_UNIX")
c.send_bytes(encode(("hello", {question!r})))
time.sleep(60)
"""


def call_in(address, question):
    code = CALLER.format(path=sys.path, address=address, question=question)
    return subprocess.Popen([sys.executable, "-c", code], start_new_session=True)


def test_expected_questions_get_channels_and_callers_are_killed(tmp_path):
    with AnswerListener(socket_address(tmp_path)) as listener:
        callers = [call_in(listener.address, q) for q in ("q1", "q2", "q9")]
        found = listener.collect({"q1", "q2"}, wait=20)
        assert set(found) == {"q1", "q2"}
    closed = time.monotonic()
    for caller in callers[:2]:
        # close() reaps the processes it kills when they are its children, as these are, so
        # Popen may find nothing to wait for and report 0; a caller asleep for 60 s that is
        # gone within seconds of close() was killed either way
        assert caller.wait(timeout=10) in (-signal.SIGKILL, 0)
        assert time.monotonic() - closed < 30
    callers[2].kill()  # q9 was never accepted as a question
    assert not os.path.exists(listener.address)


def test_a_caller_that_sends_garbage_or_nothing_gets_no_channel(tmp_path):
    with AnswerListener(socket_address(tmp_path)) as listener:
        garbage = Client(listener.address, family="AF_UNIX")
        garbage.send_bytes(b"\x00" * 100)
        silent = Client(listener.address, family="AF_UNIX")
        duplicate = [Client(listener.address, family="AF_UNIX") for _ in range(2)]
        for connection in duplicate:
            connection.send_bytes(encode(("hello", "q1")))
        started = time.monotonic()
        found = listener.collect({"q1", "q2"}, wait=2)
        assert set(found) == {"q1"} and time.monotonic() - started < 10
        for connection in (garbage, silent, *duplicate):
            connection.close()

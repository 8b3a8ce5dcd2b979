"""Step 4: run every question's public and hidden checks on the learner's answers.

The checks run in a child process of the zygote that never runs learner code and never
unpickles anything a learner made: it imports the spec fresh, reads each question's answers as
data from that question's own learner-side process, and calls learner functions only through
stand-ins that send the call there (``curriculum.answers``). A call that hangs, crashes or
floods costs only its own question; rewriting the checks from inside a learner function
changes the learner-side process, not this one.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Mapping, Sequence
from typing import Any

from curriculum.grading.sandbox import (
    limit_memory,
    sandbox_context,
    silence_standard_streams,
    start_process,
)
from curriculum.results import QuestionResult, Status

RESULT_BYTES = 1024**2


def _checker_main(
    exercise_name: str,
    params: dict[str, Any],
    channels: dict[str, Any],
    question_ids: list[str],
    time_limit: float,
    memory_bytes: int,
    connection: Any,
    specs: tuple[str, ...] = (),
) -> None:
    """In the child: score each question and send its result as soon as it is known."""
    import random

    import numpy as np

    from curriculum.answers.standins import ChannelLost, channel_answers
    from curriculum.answers.wire import BadFrame
    from curriculum.instructor.private_specs import find_exercise, use_private_specs

    silence_standard_streams()
    limit_memory(memory_bytes)
    use_private_specs(*specs)  # the instructor's private specs, if any: imported fresh here
    exercise = find_exercise(exercise_name)
    seed = params.get("seed", 0)
    seed = seed if isinstance(seed, int) and not isinstance(seed, bool) else 0
    for question_id in question_ids:
        question = exercise.question(question_id)
        channel = channels.get(question_id)
        random.seed(seed)  # checks that refit a model see the same randomness every time
        np.random.seed(seed % 2**32)
        if channel is None:
            result = question.result_with(
                Status.ERROR, 0.0, "the answers could not be collected from the notebook"
            )
        else:
            try:
                answers = channel_answers(channel, time_limit)
                result = question.evaluate_answers(answers, params, include_hidden=True)
            except (BadFrame, ChannelLost) as problem:
                result = question.result_with(
                    Status.ERROR, 0.0, f"the answers could not be read for grading ({problem})"
                )
            finally:
                channel.close()  # the learner-side process sees the end and exits
        connection.send_bytes(json.dumps(result.to_dict()).encode())
    connection.close()
    os._exit(0)  # skip interpreter teardown


def run_checks(
    exercise_name: str,
    channels: Mapping[str, Any],
    params: Mapping[str, Any],
    question_ids: Sequence[str],
    max_points: Mapping[str, float],
    *,
    time_limit: float,
    memory_bytes: int = 2 * 1024**3,
) -> dict[str, QuestionResult]:
    """Results for ``question_ids``; questions the checker never reached say why."""
    from curriculum.instructor.private_specs import active_folders

    ctx = sandbox_context()
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(
        target=_checker_main,
        args=(
            exercise_name,
            dict(params),
            dict(channels),
            list(question_ids),
            time_limit,
            memory_bytes,
            sender,
            active_folders(),
        ),
        daemon=True,
    )
    start_process(process)
    sender.close()
    results: dict[str, QuestionResult] = {}
    deadline = time.monotonic() + (time_limit + 15) * len(question_ids) + 30
    while len(results) < len(question_ids) and time.monotonic() < deadline:
        if not receiver.poll(0.2):
            if not process.is_alive() and not receiver.poll(0):
                break
            continue
        try:
            data = json.loads(receiver.recv_bytes(RESULT_BYTES))
        except (EOFError, OSError):
            break
        results[data["id"]] = QuestionResult.from_dict(data)
    process.join(timeout=2)
    if process.is_alive():
        process.kill()
        process.join()
    exit_code = process.exitcode
    for question_id in question_ids:
        if question_id not in results:
            reason = (
                "the checks ran out of time"
                if exit_code is None or exit_code == -signal.SIGKILL
                else f"the checker stopped unexpectedly (exit code {exit_code})"
            )
            results[question_id] = QuestionResult(
                question_id, 0.0, max_points[question_id], Status.ERROR, reason
            )
    receiver.close()
    return results

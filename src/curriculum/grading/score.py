"""Step 4: run every question's public and hidden checks on the collected answers.

The checks run in a child process that no learner cell has touched: the spec is imported fresh
there, so redefining ``check`` or monkeypatching the spec inside the notebook changes nothing.
The child is disposable: a learner function that hangs or crashes it costs only the questions
not yet scored.
"""

from __future__ import annotations

import os
import pickle
import signal
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from curriculum.grading.sandbox import (
    limit_memory,
    sandbox_context,
    silence_standard_streams,
    start_process,
)
from curriculum.results import QuestionResult, Status


class _QuestionTimeout(BaseException):
    """Raised by the alarm inside the checker; BaseException so learner code cannot catch it."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise _QuestionTimeout


def _load_answers(answers_path: str) -> tuple[dict[str, Any], dict[str, str]]:
    namespace: dict[str, Any] = {}
    problems: dict[str, str] = {}
    with open(answers_path, "rb") as handle:
        payload = pickle.load(handle)
    for name, (kind, value) in payload.items():
        if kind != "ok":
            problems[name] = value
            continue
        try:
            namespace[name] = pickle.loads(value)
        except Exception as exc:
            problems[name] = f"`{name}` could not be loaded for grading: {type(exc).__name__}"
    return namespace, problems


def _checker_main(
    exercise_name: str,
    answers_path: str,
    params: dict[str, Any],
    question_ids: list[str],
    question_timeout: float,
    memory_bytes: int,
    connection: Any,
) -> None:
    """In the child: score each question and send its result as soon as it is known."""
    from curriculum.exercises import load_exercise

    silence_standard_streams()
    limit_memory(memory_bytes)

    exercise = load_exercise(exercise_name)
    namespace, problems = _load_answers(answers_path)
    signal.signal(signal.SIGALRM, _on_alarm)
    for question_id in question_ids:
        question = exercise.question(question_id)
        broken = [problems[n] for n in question.reads if n in problems]
        if broken:
            result = question.result_with(Status.ERROR, 0.0, broken[0])
        else:
            signal.setitimer(signal.ITIMER_REAL, question_timeout)
            try:
                result = question.evaluate(namespace, params, include_hidden=True)
            except _QuestionTimeout:
                result = question.result_with(
                    Status.TIMEOUT,
                    0.0,
                    f"the checks ran past {question_timeout:g} s calling your code: "
                    "is there an endless loop?",
                )
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        connection.send(result.to_dict())
    connection.close()
    os._exit(0)  # skip interpreter teardown: learner objects may misbehave in __del__


def run_checks(
    exercise_name: str,
    answers_path: Path,
    params: Mapping[str, Any],
    question_ids: Sequence[str],
    max_points: Mapping[str, float],
    *,
    question_timeout: float = 30.0,
    memory_bytes: int = 2 * 1024**3,
) -> dict[str, QuestionResult]:
    """Results for ``question_ids``; questions the checker never reached say why."""
    ctx = sandbox_context()
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(
        target=_checker_main,
        args=(
            exercise_name,
            str(answers_path),
            dict(params),
            list(question_ids),
            question_timeout,
            memory_bytes,
            sender,
        ),
        daemon=True,
    )
    start_process(process)
    sender.close()
    results: dict[str, QuestionResult] = {}
    deadline = time.monotonic() + question_timeout * len(question_ids) + 30
    while len(results) < len(question_ids) and time.monotonic() < deadline:
        if not receiver.poll(0.2):
            if not process.is_alive() and not receiver.poll(0):
                break
            continue
        try:
            data = receiver.recv()
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
                "the checks timed out on your answer"
                if exit_code is None or exit_code == -signal.SIGKILL
                else f"calling your code crashed the checker (exit code {exit_code})"
            )
            results[question_id] = QuestionResult(
                question_id, 0.0, max_points[question_id], Status.ERROR, reason
            )
    receiver.close()
    return results

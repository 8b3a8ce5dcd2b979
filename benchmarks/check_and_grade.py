"""Time the learner's check() and the autograder on module 07, and print the figures.

    python benchmarks/check_and_grade.py [--repeat N]

check() is timed in-process, as a learner's kernel runs it (after the answers exist); grading is
timed as the learner runs it: the `curriculum grade` command, end to end, in a subprocess.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from curriculum.exercises import load_exercise
from curriculum.key import write_answer_key
from curriculum.learner import bind_questions

ROOT = Path(__file__).resolve().parents[1]


def time_checks(repeat: int) -> None:
    exercise = load_exercise("07")
    namespace = exercise.run_solutions(seed=0)
    handles = bind_questions("07", namespace)
    for handle in handles:  # first call pays for lazy imports and the data cache
        handle.check()
    print("check() per question (solutions filled in, warm kernel):")
    for handle in handles:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            handle.check()
            times.append(time.perf_counter() - started)
        print(
            f"  {handle.id}: median {1000 * statistics.median(times):7.1f} ms, "
            f"max {1000 * max(times):7.1f} ms over {repeat} runs"
        )
    cold_ns = exercise.run_solutions(seed=1)
    started = time.perf_counter()
    bind_questions("07", cold_ns)[2].check()  # q3 rebuilds the pristine data for seed 1
    print(
        f"  first check() for a new seed (builds the data): "
        f"{1000 * (time.perf_counter() - started):.1f} ms"
    )


def time_grading(repeat: int) -> None:
    with tempfile.TemporaryDirectory() as workdir:
        key = write_answer_key("07", Path(workdir))
        blank = ROOT / "exercises" / "07_linear_regression.ipynb"
        for label, path in (("blank exercise", blank), ("answer key", key)):
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "curriculum.cli", "grade", "--json", str(path)],
                    check=True,
                    capture_output=True,
                )
                times.append(time.perf_counter() - started)
            print(
                f"curriculum grade ({label}): median {statistics.median(times):.2f} s, "
                f"min {min(times):.2f} s over {repeat} runs"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    time_checks(max(args.repeat, 20))
    time_grading(args.repeat)


if __name__ == "__main__":
    main()

"""Throughput of class grading on module 07, against the floor of what grading must cost.

    python benchmarks/grade_throughput.py [--submissions 20] [--baseline 3]

Makes N submissions (a mix of correct, partly wrong and blank), grades them with one worker and
with every core, and in the same run measures the floor: starting a bare Jupyter kernel,
importing the exercise's libraries, and running the reference solution as a plain script. With
``--baseline K`` it also grades K submissions with papermill's own nbclient engine (a real
kernel per notebook), which is what plain papermill costs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from curriculum.batch import grade_batch
from curriculum.exercises import load_exercise
from curriculum.gradebook import Gradebook
from curriculum.grading import grade_notebook
from curriculum.grading.sandbox import warm_up
from curriculum.notebook_builder import build_exercise_notebook

IMPORTS = (
    "import numpy, sklearn.datasets, sklearn.model_selection, sklearn.linear_model, "
    "sklearn.pipeline, sklearn.preprocessing"
)


def make_submissions(root: Path, count: int) -> None:
    exercise = load_exercise("07")
    wrong = {
        "q2": "def gradient_step(X, y, w, b, lr):\n    return w, b\n",
        "q4": "def r2(t, p):\n    return 0.5\n",
    }
    for i in range(count):
        nb = build_exercise_notebook(exercise)
        kind = ("correct", "wrong", "blank")[i % 3]
        for cell in nb.cells:
            meta = cell.metadata.get("curriculum", {})
            if meta.get("role") != "answer" or kind == "blank":
                continue
            question = exercise.question(meta["question"])
            cell.source = (
                wrong.get(question.id, question.solution)
                if kind == "wrong"
                else (question.solution)
            )
        folder = root / f"student{i:03d}"
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / "07_linear_regression.ipynb"))


def timed_run(command: list[str], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def floor_components(workdir: Path) -> dict[str, float]:
    exercise = load_exercise("07")
    script = workdir / "reference.py"
    script.write_text(
        "seed = 0\n"
        + exercise.imports
        + "\n"
        + exercise.context
        + "\n"
        + "\n".join(q.solution for q in exercise.questions)
    )
    python = timed_run([sys.executable, "-c", "pass"])
    imports = timed_run([sys.executable, "-c", IMPORTS]) - python
    reference = timed_run([sys.executable, str(script)])
    kernel = timed_run(
        [
            sys.executable,
            "-c",
            "from jupyter_client.manager import start_new_kernel\n"
            "km, kc = start_new_kernel(kernel_name='python3')\n"
            "kc.stop_channels(); km.shutdown_kernel(now=True)",
        ]
    )
    exercise.run_solutions(seed=0)  # warm: imports and caches
    code_times = []
    for _ in range(5):
        started = time.perf_counter()
        exercise.run_solutions(seed=0)
        code_times.append(time.perf_counter() - started)
    return {
        "bare kernel start (and stop)": kernel,
        "importing the exercise's libraries": imports,
        "reference solution as a plain script": reference,
        "  of which the exercise's own code (in-process)": statistics.median(code_times),
    }


def grade_folder(folder: Path, workers: int, workdir: Path) -> float:
    book_path = workdir / f"gradebook-{workers}.sqlite"
    with Gradebook(book_path) as book:
        started = time.perf_counter()
        summary = grade_batch(folder, book, workers=workers)
        elapsed = time.perf_counter() - started
    assert summary.graded == summary.total, "every benchmark submission must grade"
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=20)
    parser.add_argument("--baseline", type=int, default=3, help="nbclient runs (0 to skip)")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="curriculum-bench-") as tmp:
        workdir = Path(tmp)
        folder = workdir / "submissions"
        make_submissions(folder, args.submissions)
        floor = floor_components(workdir)
        print(f"module 07, {args.submissions} submissions (correct/wrong/blank), {cores} cores\n")
        print("floor, per notebook (median of 3):")
        for label, seconds in floor.items():
            print(f"  {label:<52} {seconds:6.3f} s")
        started = time.perf_counter()
        warm_up()
        zygote = time.perf_counter() - started
        results = {}
        for workers in sorted({1, cores}):
            elapsed = grade_folder(folder, workers, workdir)
            results[workers] = elapsed
        reference = floor["reference solution as a plain script"]
        print(f"\nzygote start, once per grading run: {zygote:.2f} s")
        print("curriculum grade SUBMISSIONS (fork engine, zygote already up):")
        for workers, elapsed in results.items():
            per = elapsed / args.submissions
            with_zygote = (elapsed + zygote) / args.submissions
            print(
                f"  {workers} worker(s): {elapsed:6.2f} s total, {per:.3f} s/submission, "
                f"{60 / per:6.0f} submissions/min, {per / reference:.2f}x the plain-script floor "
                f"({with_zygote:.3f} s/submission counting the zygote start)"
            )
        if args.baseline:
            notebooks = sorted(folder.glob("*/*.ipynb"))[: args.baseline]
            started = time.perf_counter()
            for notebook in notebooks:
                grade_notebook(notebook, engine="nbclient")
            per = (time.perf_counter() - started) / len(notebooks)
            print(
                "\nbaseline, papermill's nbclient engine (a Jupyter kernel per notebook, "
                f"1 worker): {per:.2f} s/submission over {len(notebooks)}"
            )


if __name__ == "__main__":
    main()

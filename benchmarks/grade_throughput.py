"""Class grading speed on module 07: the whole `curriculum grade` command against plain papermill.

    python benchmarks/grade_throughput.py [--submissions 20] [--rounds 3] [--papermill-subset 5]

Makes N submissions, a third each correct, partly wrong (q2 and q4) and blank, then measures in
interleaved rounds (the order rotates each round; figures are medians over the rounds):

Cold, whole command: process start, imports and the zygote start included, as a user runs it.
  - ``curriculum grade DIR --workers 1`` and ``--workers 2`` as subprocesses, each into a fresh
    gradebook, over all N submissions;
  - plain papermill: the ``papermill`` CLI, one process per notebook (its own Jupyter kernel),
    over the first K submissions (``--papermill-subset``, a mix of the three kinds), run one at a
    time and two at a time; its per-submission figure is its time divided by K.
Warm, in-process: ``grade_batch`` after ``warm_up()`` (zygote up, nothing left to start) against
  a reference doing the same work in this process with the libraries already imported and no
  isolation: each notebook's code cells but the check cells (which the grader drops too) run in
  a fresh namespace, then every question's public and hidden checks. The difference is what the
  sandbox costs: forked children, pickling the answers, a fresh checker, time and memory limits.

Every score is checked: each kind of submission has a known expected score and status per
question (from the spec), and every result of every run, cold and warm, must match it; the
benchmark fails loudly otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

from curriculum.exercises import load_exercise
from curriculum.notebook_builder import build_exercise_notebook, cell_role

# Subprocesses get the environment as it was when the benchmark started: the in-process grader
# later sets single-threaded BLAS for itself, which must not leak into plain papermill's kernels.
START_ENV = dict(os.environ)
BIN = Path(sys.executable).parent
KINDS = ("correct", "partly wrong", "blank")
WRONG_ANSWERS = {
    "q2": "def gradient_step(X, y, w, b, lr):\n    return w, b\n",
    "q4": "def r2(y_true, y_pred):\n    return 0.5\n",
}


class ScoreMismatch(SystemExit):
    """A graded result differs from what its submission must score."""


def kind_of(index: int) -> str:
    return KINDS[index % 3]


def student(index: int) -> str:
    return f"student{index:03d}"


def make_submissions(root: Path, count: int) -> None:
    exercise = load_exercise("07")
    for i in range(count):
        nb = build_exercise_notebook(exercise)
        for cell in nb.cells:
            role, question = cell_role(cell)
            if role != "answer" or kind_of(i) == "blank":
                continue
            solution = exercise.question(question).solution
            wrong = kind_of(i) == "partly wrong"
            cell.source = WRONG_ANSWERS.get(question, solution) if wrong else solution
        folder = root / student(i)
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / "07_linear_regression.ipynb"))


def expected_results() -> dict[str, tuple[float, dict[str, str]]]:
    """Per kind: (score, status per question), from the spec's points."""
    exercise = load_exercise("07")
    expected = {}
    for kind in KINDS:
        statuses = {}
        for q in exercise.questions:
            if kind == "blank":
                statuses[q.id] = "not_attempted"
            elif kind == "partly wrong" and q.id in WRONG_ANSWERS:
                statuses[q.id] = "failed"
            else:
                statuses[q.id] = "passed"
        score = sum(q.points for q in exercise.questions if statuses[q.id] == "passed")
        expected[kind] = (float(score), statuses)
    return expected


def check_scores(label: str, results: dict[str, dict], count: int) -> None:
    """``results``: student -> report dict (as ``--json`` prints it). Exit loudly on a mismatch."""
    expected = expected_results()
    problems = []
    if sorted(results) != [student(i) for i in range(count)]:
        problems.append(f"graded {sorted(results)}, expected all {count} students")
    for i in range(count):
        report = results.get(student(i))
        if report is None:
            continue
        score, statuses = expected[kind_of(i)]
        found = {q["id"]: q["status"] for q in report.get("questions", [])}
        if report.get("status") != "graded" or report.get("score") != score or found != statuses:
            problems.append(
                f"{student(i)} ({kind_of(i)}): {report.get('status')} {report.get('score')} "
                f"{found} {report.get('error') or ''}, expected {score:g} {statuses}"
            )
    if problems:
        raise ScoreMismatch(f"{label}: wrong results\n  " + "\n  ".join(problems))


# -- cold: whole commands, as subprocesses -------------------------------------------------------


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, env=START_ENV, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    return result


def curriculum_command(folder: Path, count: int, workers: int, workdir: Path, round_: int) -> float:
    """Wall time of the whole `curriculum grade` command over the folder; scores checked."""
    exe = BIN / "curriculum"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "curriculum.cli"]
    book = workdir / f"cold-w{workers}-r{round_}.sqlite"
    command += ["grade", str(folder), "--workers", str(workers), "--gradebook", str(book), "--json"]
    started = time.perf_counter()
    result = run(command, workdir)
    elapsed = time.perf_counter() - started
    reports = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    check_scores(
        f"curriculum grade --workers {workers}",
        {Path(r["notebook"]).parent.name: r for r in reports},
        count,
    )
    return elapsed


def papermill_command(notebooks: list[Path], at_once: int, workdir: Path, round_: int) -> float:
    """Wall time of plain `papermill in.ipynb out.ipynb`, one process per notebook."""
    exe = BIN / "papermill"
    base = [str(exe)] if exe.exists() else [sys.executable, "-m", "papermill"]
    out = workdir / f"papermill-{at_once}-r{round_}"
    out.mkdir()

    def one(notebook: Path) -> None:
        target = out / f"{notebook.parent.name}.ipynb"
        run([*base, str(notebook), str(target), "--no-progress-bar", "--log-level", "ERROR"], out)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=at_once) as pool:
        list(pool.map(one, notebooks))
    return time.perf_counter() - started


# -- warm: in this process -----------------------------------------------------------------------


def grade_batch_warm(folder: Path, workers: int, workdir: Path, round_: int) -> float:
    from curriculum.batch import grade_batch
    from curriculum.gradebook import Gradebook

    with Gradebook(workdir / f"warm-w{workers}-r{round_}.sqlite") as book:
        started = time.perf_counter()
        summary = grade_batch(folder, book, workers=workers)
        elapsed = time.perf_counter() - started
    check_scores(
        f"grade_batch --workers {workers} (warm)",
        {s.student: r.to_dict() for s, r in summary.reports},
        summary.total,
    )
    return elapsed


def in_process_reference(folder: Path, workdir: Path, round_: int) -> float:
    """The grader's work without the sandbox: run the cells, then public and hidden checks."""
    exercise = load_exercise("07")
    notebooks = sorted(folder.glob("*/*.ipynb"))
    started = time.perf_counter()
    results = {}
    for path in notebooks:
        nb = nbformat.read(str(path), as_version=4)
        namespace: dict = {"__name__": "__main__"}
        with contextlib.redirect_stdout(io.StringIO()):
            for cell in nb.cells:
                if cell.cell_type == "code" and cell_role(cell)[0] != "check":
                    exec(compile(cell.source, str(path), "exec"), namespace)
        params = exercise.params({"seed": namespace["seed"]})
        questions = [
            q.evaluate(namespace, params, include_hidden=True).to_dict() for q in exercise.questions
        ]
        score = sum(q["points"] for q in questions)
        results[path.parent.name] = {"status": "graded", "score": score, "questions": questions}
    elapsed = time.perf_counter() - started
    check_scores("in-process reference", results, len(notebooks))
    return elapsed


# -- driver --------------------------------------------------------------------------------------


def interleaved(
    variants: dict[str, Callable[[int], float]], rounds: int, log: Callable[[str], None]
) -> dict[str, float]:
    """Run every variant once per round, rotating the order; the median time of each."""
    times: dict[str, list[float]] = {name: [] for name in variants}
    names = list(variants)
    for r in range(rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            times[name].append(variants[name](r))
        done = ", ".join(f"{n} {times[n][-1]:.3f}" for n in names)
        log(f"  round {r + 1}/{rounds}, s/submission: {done}")
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--papermill-subset",
        type=int,
        default=5,
        metavar="K",
        help="plain papermill runs the first K submissions (its figures are per submission)",
    )
    args = parser.parse_args()
    n = args.submissions
    k = max(1, min(args.papermill_subset, n))

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="curriculum-bench-") as tmp:
        workdir = Path(tmp)
        folder = workdir / "submissions"
        make_submissions(folder, n)
        subset = [folder / student(i) / "07_linear_regression.ipynb" for i in range(k)]
        counts = {kind: sum(kind_of(i) == kind for i in range(n)) for kind in KINDS}
        load_before = os.getloadavg()

        log("cold: whole commands as subprocesses")
        cold = interleaved(
            {
                "grade -w1": lambda r: curriculum_command(folder, n, 1, workdir, r) / n,
                "grade -w2": lambda r: curriculum_command(folder, n, 2, workdir, r) / n,
                "papermill x1": lambda r: papermill_command(subset, 1, workdir, r) / k,
                "papermill x2": lambda r: papermill_command(subset, 2, workdir, r) / k,
            },
            args.rounds,
            log,
        )

        log("warm: in this process")
        from curriculum.grading.sandbox import warm_up

        started = time.perf_counter()
        warm_up()
        zygote = time.perf_counter() - started
        in_process_reference(folder, workdir, -1)  # first use: imports, the spec's data cache
        warm = interleaved(
            {
                "reference": lambda r: in_process_reference(folder, workdir, r) / n,
                "grade_batch -w1": lambda r: grade_batch_warm(folder, 1, workdir, r) / n,
                "grade_batch -w2": lambda r: grade_batch_warm(folder, 2, workdir, r) / n,
            },
            args.rounds,
            log,
        )
        load_after = os.getloadavg()

    expected = expected_results()
    pm1, pm2 = cold["papermill x1"], cold["papermill x2"]
    print(
        f"module 07, {n} submissions ({', '.join(f'{counts[x]} {x}' for x in KINDS)}), "
        f"{os.cpu_count()} cores, medians of {args.rounds} interleaved rounds; "
        f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after"
    )
    print(
        "every result checked: "
        + ", ".join(f"{kind} {expected[kind][0]:g}/10" for kind in KINDS)
        + " with the expected status per question\n"
    )
    print("cold, whole command (process start, imports, zygote or kernel start included):")
    print(f"  {'':44} {'s/submission':>12}  {'÷ papermill x1':>14}  {'÷ papermill x2':>14}")
    rows = [
        ("curriculum grade --workers 1", cold["grade -w1"]),
        ("curriculum grade --workers 2", cold["grade -w2"]),
        (f"papermill CLI, one at a time ({k} notebooks)", pm1),
        (f"papermill CLI, two at a time ({k} notebooks)", pm2),
    ]
    for label, per in rows:
        print(f"  {label:<44} {per:12.3f}  {per / pm1:14.2f}  {per / pm2:14.2f}")
    print(f"\nwarm, in-process (zygote started once beforehand, in {zygote:.2f} s):")
    reference = warm["reference"]
    for label, per in (
        ("grade_batch, 1 worker", warm["grade_batch -w1"]),
        ("grade_batch, 2 workers", warm["grade_batch -w2"]),
        ("reference: same cells and checks, no sandbox", reference),
    ):
        print(f"  {label:<44} {per:12.3f} s  {per / reference:5.2f}x the reference")
    headline = cold["grade -w2"]
    print(
        f"\nheadline: whole command, start-up included, per submission, --workers 2: "
        f"{headline:.2f} s ({60 / headline:.0f}/min).\nplain papermill in the same run: "
        f"{pm1:.2f} s one at a time, {pm2:.2f} s two at a time, per submission "
        f"({pm1 / headline:.1f}x and {pm2 / headline:.1f}x as long)."
    )


if __name__ == "__main__":
    main()

"""Grading speed on module 07: a class, and one file, against nbgrader and plain papermill.

    python benchmarks/grade_throughput.py [--submissions 20] [--rounds 3] [--papermill-subset 5]
                                          [--no-nbgrader] [--no-dask] [--no-warm]

Makes N submissions, a third each correct, partly wrong (q2 and q4) and blank, then measures in
interleaved rounds (the order rotates each round; figures are medians over the rounds):

A class, whole commands as subprocesses (process start, imports, zygote or kernels included):
  - ``curriculum grade DIR --workers 1`` and ``--workers 2``, each into a fresh gradebook;
  - ``curriculum grade DIR --dask ADDRESS`` on a LocalCluster of 2 single-thread worker
    processes started beforehand, as an existing cluster would be (its first batch, which
    starts each worker's pre-imported parent, is timed and reported apart);
  - ``nbgrader autograde`` (nbgrader from benchmarks/requirements.txt, in its own environment
    benchmarks/.venv-nbgrader, made on first use) over the same submissions as an nbgrader
    course: the same notebook with nbgrader's metadata, answer cells as solution cells and each
    question's check cell an autograder test running the same public and hidden checks in the
    kernel; a fresh copy of the generated course each round;
  - plain papermill: the ``papermill`` CLI, one process per notebook, over the first K
    submissions (``--papermill-subset``), one and two at a time, scaled to N.
One file: the module-07 key, with plain ``papermill key out``, ``curriculum grade key`` with the
  warm grader off (cold) and with it up (started once before the rounds).
Warm, in-process: ``grade_batch`` after ``warm_up()`` (zygote up, nothing left to start) against
  a reference doing the same work in this process with the libraries already imported and no
  isolation: each notebook's code cells but the check cells (which the grader drops too) run in
  a fresh namespace, then every question's public and hidden checks. The difference is what the
  sandbox costs.

Every score is checked: each kind of submission has a known expected score (and, for ours,
status per question) from the spec, and every run must match it; the benchmark fails loudly
otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import shutil
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
SINGLE_TOOLS = ("papermill", "cold", "warm")
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


def run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {**START_ENV, **env}
    result = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    return result


def curriculum_exe() -> list[str]:
    exe = BIN / "curriculum"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "curriculum.cli"]


def curriculum_command(
    folder: Path, count: int, workers: int, workdir: Path, round_: int, dask: str | None = None
) -> float:
    """Wall time of the whole `curriculum grade` command over the folder; scores checked."""
    where = f"dask-r{round_}" if dask else f"cold-w{workers}-r{round_}"
    book = workdir / f"{where}.sqlite"
    command = [*curriculum_exe(), "grade", str(folder), "--gradebook", str(book), "--json"]
    command += ["--dask", dask] if dask else ["--workers", str(workers)]
    started = time.perf_counter()
    result = run(command, workdir)
    elapsed = time.perf_counter() - started
    reports = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    check_scores(
        f"curriculum grade --dask {dask}" if dask else f"curriculum grade --workers {workers}",
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


def single_file(key: Path, tool: str, workdir: Path, round_: int) -> float:
    """Wall time of grading (or running) the module-07 key, one whole command."""
    if tool == "papermill":
        exe = BIN / "papermill"
        base = [str(exe)] if exe.exists() else [sys.executable, "-m", "papermill"]
        out = workdir / f"key-out-r{round_}.ipynb"
        command = [*base, str(key), str(out), "--no-progress-bar", "--log-level", "ERROR"]
        started = time.perf_counter()
        run(command, workdir)
        return time.perf_counter() - started
    warm = "1" if tool == "warm" else "0"
    env = {"CURRICULUM_WARM_GRADER": warm, "CURRICULUM_RUNTIME_DIR": str(workdir / "runtime")}
    started = time.perf_counter()
    result = run([*curriculum_exe(), "grade", str(key), "--json"], workdir, **env)
    elapsed = time.perf_counter() - started
    report = json.loads(result.stdout)
    if report.get("status") != "graded" or report.get("score") != 10:
        raise ScoreMismatch(f"curriculum grade key ({tool}): {report}")
    return elapsed


def stop_warm_graders(workdir: Path) -> None:
    env = {"CURRICULUM_RUNTIME_DIR": str(workdir / "runtime")}
    run([*curriculum_exe(), "grader", "stop"], workdir, **env)


# -- nbgrader: the benchmark's own install, the same exercise and the same checks ---------------

NBGRADER_ENV = Path(__file__).resolve().parent / ".venv-nbgrader"
REPO = Path(__file__).resolve().parent.parent
ASSIGNMENT = "ps07"


def nbgrader_bin() -> Path:
    """benchmarks/.venv-nbgrader/bin, made on first use from benchmarks/requirements.txt plus
    this package (its kernels import the same checks), never in the package's environment."""
    bin_dir = NBGRADER_ENV / "bin"
    if not (bin_dir / "nbgrader").exists():
        print(f"installing nbgrader into {NBGRADER_ENV} (once)", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(NBGRADER_ENV)], check=True)
        requirements = REPO / "benchmarks" / "requirements.txt"
        install = [str(bin_dir / "pip"), "install", "-q", "-r", str(requirements), "-e", str(REPO)]
        subprocess.run(install, check=True)
    return bin_dir


def nbgrader(bin_dir: Path, *args: str, cwd: Path) -> None:
    """One nbgrader command, with its environment first on PATH (it runs ``alembic`` from it)."""
    path = f"{bin_dir}{os.pathsep}{START_ENV.get('PATH', '')}"
    run([str(bin_dir / "nbgrader"), *args], cwd, PATH=path)


def nbgrader_cell(cell: nbformat.NotebookNode, exercise, index: int) -> None:
    """Give one cell of our exercise notebook nbgrader's metadata, with the same job."""
    role, question = cell_role(cell)
    meta = {"grade": False, "solution": False, "locked": True, "schema_version": 3}
    if role == "answer":
        solution = exercise.question(question).solution.strip()
        cell.source = f"### BEGIN SOLUTION\n{solution}\n### END SOLUTION"
        meta.update(solution=True, locked=False, grade_id=f"{question}_answer")
    elif role == "check":
        # the grader's checks, public and hidden, in the kernel as nbgrader runs its tests
        points = exercise.question(question).points
        cell.source = (
            f"_result = {question}._question.evaluate(\n"
            f"    globals(), {question}._params(), include_hidden=True\n)\n"
            "assert _result.status == 'passed', _result.message"
        )
        meta.update(grade=True, points=points, grade_id=f"{question}_checks")
    elif role == "parameters":
        meta.update(locked=False, grade_id="parameters")
    else:
        meta["grade_id"] = f"{role}_{index}"
    cell.metadata["nbgrader"] = meta


def make_nbgrader_course(root: Path, count: int, bin_dir: Path) -> Path:
    """A course folder: the source assignment, generated (release + gradebook), and N
    submissions made from the release as a student would fill it (blank: left as released)."""
    exercise = load_exercise("07")
    course = root / "nbgrader-course"
    source = course / "source" / ASSIGNMENT
    source.mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'bench'\n"
        f"c.CourseDirectory.root = {str(course)!r}\n"
    )
    nb = build_exercise_notebook(exercise)
    for i, cell in enumerate(nb.cells):
        nbgrader_cell(cell, exercise, i)
    nbformat.write(nb, str(source / "07_linear_regression.ipynb"))
    nbgrader(bin_dir, "generate_assignment", ASSIGNMENT, "--force", cwd=course)
    released = nbformat.read(
        str(course / "release" / ASSIGNMENT / "07_linear_regression.ipynb"), as_version=4
    )
    for i in range(count):
        nb = nbformat.from_dict(json.loads(json.dumps(released)))
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if not grade_id.endswith("_answer") or kind_of(i) == "blank":
                continue
            question = grade_id.removesuffix("_answer")
            solution = exercise.question(question).solution
            wrong = kind_of(i) == "partly wrong"
            cell.source = WRONG_ANSWERS.get(question, solution) if wrong else solution
        folder = course / "submitted" / student(i) / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / "07_linear_regression.ipynb"))
    return course


def nbgrader_autograde(template: Path, count: int, bin_dir: Path, workdir: Path, round_: int):
    """Wall time of ``nbgrader autograde`` over all N submissions, in a fresh copy of the
    course; every student's score then checked against the spec (outside the timing)."""
    course = workdir / f"nbgrader-r{round_}"
    shutil.copytree(template, course)
    config = course / "nbgrader_config.py"
    config.write_text(config.read_text().replace(str(template), str(course)))
    started = time.perf_counter()
    nbgrader(bin_dir, "autograde", ASSIGNMENT, cwd=course)
    elapsed = time.perf_counter() - started
    nbgrader(bin_dir, "export", "--to", str(course / "grades.csv"), cwd=course)
    with open(course / "grades.csv", newline="") as handle:
        scores = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)}
    expected = {student(i): expected_results()[kind_of(i)][0] for i in range(count)}
    if scores != expected:
        wrong = {s: (scores.get(s), want) for s, want in expected.items() if scores.get(s) != want}
        raise ScoreMismatch(f"nbgrader autograde: wrong scores (found, expected) {wrong}")
    shutil.rmtree(course)
    return elapsed


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
        log(f"  round {r + 1}/{rounds}, seconds: {done}")
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
    parser.add_argument("--no-nbgrader", action="store_true", help="leave nbgrader out")
    parser.add_argument("--no-dask", action="store_true", help="leave the Dask cluster out")
    parser.add_argument("--no-warm", action="store_true", help="leave the in-process part out")
    args = parser.parse_args()
    n = args.submissions
    k = max(1, min(args.papermill_subset, n))

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    with contextlib.ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="curriculum-bench-")))
        folder = workdir / "submissions"
        make_submissions(folder, n)
        subset = [folder / student(i) / "07_linear_regression.ipynb" for i in range(k)]
        key = workdir / "key.ipynb"
        nbformat.write(build_exercise_notebook(load_exercise("07"), "solution"), str(key))
        counts = {kind: sum(kind_of(i) == kind for i in range(n)) for kind in KINDS}
        load_before = os.getloadavg()

        class_variants: dict[str, Callable[[int], float]] = {
            "grade -w1": lambda r: curriculum_command(folder, n, 1, workdir, r),
            "grade -w2": lambda r: curriculum_command(folder, n, 2, workdir, r),
        }
        if not args.no_nbgrader:
            bin_dir = nbgrader_bin()
            course = make_nbgrader_course(workdir, n, bin_dir)
            class_variants["nbgrader"] = lambda r: nbgrader_autograde(
                course, n, bin_dir, workdir, r
            )
        dask_first = None
        if not args.no_dask:
            from curriculum.cluster import local_grading_cluster

            client = stack.enter_context(local_grading_cluster(n_workers=2, threads_per_worker=1))
            client.wait_for_workers(2, timeout=120)
            address = client.scheduler.address
            # the cluster already exists when a course is graded on it: its first batch starts
            # each worker's pre-imported parent, reported apart from the rounds
            dask_first = curriculum_command(folder, n, 2, workdir, -1, dask=address)
            class_variants["dask"] = lambda r: curriculum_command(folder, n, 2, workdir, r, address)
        class_variants["papermill x1"] = lambda r: papermill_command(subset, 1, workdir, r) * n / k
        class_variants["papermill x2"] = lambda r: papermill_command(subset, 2, workdir, r) * n / k

        log(f"a class of {n}: whole commands as subprocesses")
        whole = interleaved(class_variants, args.rounds, log)

        log("one file: the module-07 key")
        single_file(key, "warm", workdir, -1)  # starts the warm grader the timed runs reuse
        single = interleaved(
            {tool: lambda r, t=tool: single_file(key, t, workdir, r) for tool in SINGLE_TOOLS},
            args.rounds,
            log,
        )
        stop_warm_graders(workdir)

        warm = zygote = None
        if not args.no_warm:
            log("warm: in this process")
            from curriculum.grading.sandbox import warm_up

            started = time.perf_counter()
            warm_up(["07"])  # as `curriculum grade DIR` does: the zygote prepares the exercise
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
    print(
        f"module 07, {n} submissions ({', '.join(f'{counts[x]} {x}' for x in KINDS)}), "
        f"{os.cpu_count()} cores, medians of {args.rounds} interleaved rounds; "
        f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after"
    )
    print(
        "every result checked: "
        + ", ".join(f"{kind} {expected[kind][0]:g}/10" for kind in KINDS)
        + " (curriculum: and the expected status per question; nbgrader: its score)\n"
    )
    print(f"a class of {n}, whole command (process start, imports, zygote or kernels included):")
    base = whole.get("nbgrader")
    header = f"  {'':46} {'total s':>8} {'s/sub':>7}"
    print(header + (f"  {'x faster than nbgrader':>22}" if base else ""))
    rows = [
        ("curriculum grade DIR --workers 1", "grade -w1"),
        ("curriculum grade DIR --workers 2", "grade -w2"),
        ("curriculum grade DIR --dask (2 local workers)", "dask"),
        ("nbgrader autograde", "nbgrader"),
        (f"papermill CLI, one at a time (x{n}/{k} notebooks)", "papermill x1"),
        (f"papermill CLI, two at a time (x{n}/{k} notebooks)", "papermill x2"),
    ]
    for label, name in rows:
        if name in whole:
            total = whole[name]
            ratio = f"  {base / total:22.1f}" if base else ""
            print(f"  {label:<46} {total:8.2f} {total / n:7.3f}{ratio}")
    if dask_first is not None:
        print(
            f"  (the Dask cluster's first batch, its workers' parents starting: {dask_first:.2f} s)"
        )
    print("\none file, the module-07 key, whole command:")
    papermill = single["papermill"]
    for label, name in (
        ("papermill key.ipynb out.ipynb", "papermill"),
        ("curriculum grade key.ipynb, no warm grader", "cold"),
        ("curriculum grade key.ipynb, warm grader up", "warm"),
    ):
        took = single[name]
        print(f"  {label:<46} {took:8.2f} s  {took / papermill:5.2f}x papermill's time")
    if warm is not None:
        print(f"\nwarm, in-process (zygote started once beforehand, in {zygote:.2f} s):")
        reference = warm["reference"]
        for label, per in (
            ("grade_batch, 1 worker", warm["grade_batch -w1"]),
            ("grade_batch, 2 workers", warm["grade_batch -w2"]),
            ("reference: same cells and checks, no sandbox", reference),
        ):
            print(f"  {label:<46} {per:8.3f} s/sub  {per / reference:5.2f}x the reference")


if __name__ == "__main__":
    main()

"""Grading a class on a Dask cluster: the same grades as on this machine, resume, a worker killed
mid-batch, hostile submissions, a submission that keeps killing its workers, the CLI."""

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from conftest import solutions, write_variant
from curriculum.batch import grade_batch
from curriculum.cli import main
from curriculum.cluster import KILLED_MESSAGE, ClusterError, grade_batch_on_dask
from curriculum.gradebook import Gradebook, export_csv

NOTEBOOK = "07_linear_regression.ipynb"


@pytest.fixture(scope="module")
def client():
    """Two worker processes, started once; a task is given up after it killed two workers."""
    import dask

    from curriculum.cluster import local_grading_cluster

    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        local_grading_cluster(n_workers=2, threads_per_worker=1) as client,
    ):
        yield client


def make_class(root, linreg, answers_by_student):
    for student, answers in answers_by_student.items():
        (root / student).mkdir(parents=True)
        write_variant(root / student / NOTEBOOK, linreg, answers)
    return root


def outcome(summary):
    """What a user sees of each submission: status, score, error and every question's result."""
    return {
        submission.source: (
            report.status,
            report.score,
            report.error,
            [(q.id, str(q.status), q.points, q.message) for q in report.questions],
        )
        for submission, report in summary.reports
    }


def rows_per_student(book):
    return dict(
        book.connection.execute("SELECT student, COUNT(*) FROM submissions GROUP BY student")
    )


def worker_pids(client):
    client.wait_for_workers(2, timeout=60)
    return client.run(os.getpid)


def test_grades_a_class_as_this_machine_does_and_resumes(client, linreg, tmp_path):
    partly_wrong = solutions(linreg)
    partly_wrong["q4"] = "def r2(y_true, y_pred):\n    return 0.5\n"
    subs = make_class(
        tmp_path / "subs",
        linreg,
        {"ann": solutions(linreg), "bob": partly_wrong, "cat": None},
    )
    with Gradebook(tmp_path / "dask.sqlite") as book:
        on_dask = grade_batch_on_dask(subs, book, client, out_dir=tmp_path / "out-dask")
        with Gradebook(tmp_path / "local.sqlite") as local_book:
            local = grade_batch(subs, local_book, workers=2, out_dir=tmp_path / "out-local")
            assert export_csv(book) == export_csv(local_book)
        assert outcome(on_dask) == outcome(local)
        scores = {source: result[1] for source, result in outcome(on_dask).items()}
        assert scores == {f"ann/{NOTEBOOK}": 10, f"bob/{NOTEBOOK}": 9, f"cat/{NOTEBOOK}": 0}
        bob = dict((q[0], q[1]) for q in outcome(on_dask)[f"bob/{NOTEBOOK}"][3])
        assert bob["q4"] == "failed" and bob["q1"] == "passed"
        assert {q[1] for q in outcome(on_dask)[f"cat/{NOTEBOOK}"][3]} == {"not_attempted"}
        for out in ("out-dask", "out-local"):  # executed notebooks, one per student
            kept = sorted(
                p.relative_to(tmp_path / out).as_posix() for p in (tmp_path / out).rglob("*.ipynb")
            )
            assert kept == [f"ann/{NOTEBOOK}", f"bob/{NOTEBOOK}", f"cat/{NOTEBOOK}"]

        again = grade_batch_on_dask(subs, book, client)
        assert (again.total, again.skipped, again.graded, again.errors) == (3, 3, 0, 0)
        assert book.counts() == (3, 18)
        forced = grade_batch_on_dask(subs, book, client, regrade=True)
        assert forced.graded == 3
        assert book.counts() == (3, 18)
        assert rows_per_student(book) == {"ann": 1, "bob": 1, "cat": 1}


def test_hostile_submissions_cost_only_themselves(client, linreg, tmp_path):
    def with_answer(question, code):
        answers = solutions(linreg)
        answers[question] = code
        return answers

    subs = make_class(
        tmp_path / "subs",
        linreg,
        {
            "exits": with_answer("q1", "import os\nos._exit(3)\n"),
            "loops": with_answer("q2", "while True:\n    pass\n"),
            "floods": with_answer(
                "q3",
                "for _ in range(300):\n    print('x' * 100_000)\n" + linreg.question("q3").solution,
            ),
        },
    )
    before = worker_pids(client)
    options = {"cell_timeout": 3.0}
    with Gradebook(tmp_path / "dask.sqlite") as book, Gradebook(tmp_path / "l.sqlite") as lbook:
        on_dask = grade_batch_on_dask(subs, book, client, **options)
        local = grade_batch(subs, lbook, workers=2, **options)
    assert outcome(on_dask) == outcome(local)
    statuses = {
        source.split("/")[0]: {q[0]: q[1] for q in result[3]}
        for source, result in outcome(on_dask).items()
    }
    assert statuses["exits"]["q1"] == "error" and statuses["exits"]["q2"] == "passed"
    assert statuses["loops"]["q2"] == "timeout" and statuses["loops"]["q1"] == "passed"
    assert set(statuses["floods"].values()) == {"passed"}
    assert {source: result[1] for source, result in outcome(on_dask).items()} == {
        f"exits/{NOTEBOOK}": 8,
        f"loops/{NOTEBOOK}": 8,
        f"floods/{NOTEBOOK}": 10,
    }
    assert client.run(os.getpid) == before  # no worker went down


def test_cli_grades_on_the_cluster_and_names_a_bad_address(client, linreg, tmp_path, monkeypatch):
    subs = make_class(tmp_path / "subs", linreg, {"ann": solutions(linreg), "bob": None})
    book = tmp_path / "g.sqlite"
    address = client.scheduler.address
    runner = CliRunner()
    result = runner.invoke(main, ["grade", str(subs), "--gradebook", str(book), "--dask", address])
    assert result.exit_code == 0, result.output
    assert "2 graded, 0 could not be graded, 0 already in" in result.output
    assert "[2/2]" in result.output and f"ann/{NOTEBOOK}: 10/10" in result.output

    scheduler_file = tmp_path / "scheduler.json"
    # what `dask scheduler --scheduler-file` writes (Client.write_scheduler_file fails on the
    # LocalCluster's info in this Dask version)
    scheduler_file.write_text(json.dumps({"type": "Scheduler", "address": address}))
    write_variant(subs / "bob" / NOTEBOOK, linreg, solutions(linreg, "q1"))  # bob hands in again
    result = runner.invoke(
        main,
        ["grade", str(subs), "--gradebook", str(book), "--dask", str(scheduler_file), "--json"],
    )
    assert result.exit_code == 0, result.output
    assert '"score": 2.0' in result.stdout
    assert "1 graded, 0 could not be graded, 1 already in" in result.output

    monkeypatch.setattr("curriculum.cluster.CONNECT_TIMEOUT", 1.0)
    with Gradebook(book) as db:
        stored = db.counts()
    for bad, says in (
        ("tcp://127.0.0.1:9", "cannot reach the Dask scheduler at tcp://127.0.0.1:9"),
        ("nowhere.json", "no Dask scheduler file at nowhere.json"),
        ("udp://10.0.0.5:8786", "cannot reach the Dask scheduler at udp://10.0.0.5:8786"),
    ):
        result = runner.invoke(
            main, ["grade", str(subs), "--gradebook", str(book), "--dask", bad, "--regrade"]
        )
        assert result.exit_code == 1
        [line] = result.output.splitlines()  # one line, no traceback
        assert line.startswith(f"Error: {says}")
    with Gradebook(book) as db:
        assert db.counts() == stored


def test_daemonic_workers_are_refused_with_the_setting_to_change(linreg, tmp_path):
    subs = make_class(tmp_path / "subs", linreg, {"ann": None})
    import dask

    with (
        dask.config.set({"distributed.worker.daemon": True}),  # Dask's default
        LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=":0") as cluster,
        Client(cluster, set_as_default=False) as daemonic,
        Gradebook(tmp_path / "g.sqlite") as book,
    ):
        with pytest.raises(ClusterError, match="DASK_DISTRIBUTED__WORKER__DAEMON=False"):
            grade_batch_on_dask(subs, book, daemonic)
        assert book.counts() == (0, 0)


def test_plain_curriculum_does_not_import_dask():
    code = "import sys, curriculum.cli, curriculum.batch; print('dask' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


# last: the workers these kill are restarted (and warmed) while the module ends
def test_a_worker_killed_mid_batch_costs_no_submission(client, linreg, tmp_path):
    slow = solutions(linreg)
    slow["q1"] = "import time\ntime.sleep(3)\n" + slow["q1"]
    subs = make_class(tmp_path / "subs", linreg, {f"s{i}": slow for i in range(3)})
    pids = worker_pids(client)
    killed = []

    def kill_a_busy_worker():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            busy = [worker for worker, keys in client.processing().items() if keys]
            if busy:
                time.sleep(1.5)  # well inside the submission's 3 s answer cell
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(pids[busy[0]])
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_a_busy_worker)
    with Gradebook(tmp_path / "g.sqlite") as book:
        summary = grade_batch_on_dask(subs, book, client, on_start=lambda *_: killer.start())
        killer.join()
        assert killed, "no worker was busy to be killed"
        assert {s.source: r.score for s, r in summary.reports} == {
            f"s{i}/{NOTEBOOK}": 10 for i in range(3)
        }
        assert book.counts() == (3, 18)
        assert rows_per_student(book) == {"s0": 1, "s1": 1, "s2": 1}
    assert killed[0] not in worker_pids(client).values()  # the nanny started a new one


def test_a_submission_that_keeps_killing_workers_is_an_error_for_it_alone(client, linreg, tmp_path):
    # the sandbox's child can find its grandparent, the Dask worker, and kill it: every worker
    # that tries this submission dies, until the scheduler gives up on it (KilledWorker)
    grandparent = (
        "import os, signal\n"
        "status = open(f'/proc/{os.getppid()}/status').read()\n"
        "worker = int(status.split('PPid:')[1].split()[0])\n"
        "os.kill(worker, signal.SIGKILL)\n"
    )
    subs = make_class(tmp_path / "subs", linreg, {"mallory": {"q1": grandparent}})
    worker_pids(client)
    with Gradebook(tmp_path / "g.sqlite") as book:
        summary = grade_batch_on_dask(subs, book, client)
        [(submission, report)] = summary.reports
        assert (summary.graded, summary.errors) == (0, 1)
        assert report.status == "error" and report.error == KILLED_MESSAGE
        assert book.counts() == (1, 0)

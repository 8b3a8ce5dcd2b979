"""Grade a class on a Dask cluster: ``curriculum grade DIR --dask ADDRESS``.

What runs where:

- **Here** (the submitting side): finding the submissions, skipping those the gradebook already
  holds under the same sha256, each student's preparation (``--manifest``), and every write to
  the gradebook, one transaction per submission as its task completes. A Ctrl-C or a crash here
  loses at most the tasks in flight; the same command run again grades the rest.
- **On a worker**: one task per submission. The task carries the notebook's bytes (workers need
  not see this filesystem); the worker writes them to a private temporary folder and grades them
  with :func:`curriculum.grading.grade_notebook`, in children forked from the worker's own
  pre-imported zygote, under the same limits as on this machine. What comes back is the
  GradeReport as plain data, made by our grader on the worker (learner code never produces it),
  and with ``out_dir`` the executed notebook's bytes.

A worker that dies while grading has its tasks re-run elsewhere by Dask; a submission whose
grading kills every worker that tries it (``distributed.KilledWorker``) is stored as an error for
that submission, and the batch goes on.

Workers must be allowed to start children. Dask's nanny starts each worker as a *daemonic*
multiprocessing process by default (``distributed.worker.daemon: true``), and a daemonic process
may not start any (``multiprocessing`` refuses with "daemonic processes are not allowed to have
children"), so the grading sandbox cannot run there. Start workers with
``DASK_DISTRIBUTED__WORKER__DAEMON=False`` in their environment (or ``dask worker --no-nanny``);
:class:`GraderPlugin` refuses a daemonic worker with a message that says so.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import multiprocessing
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import Any

import dask
from distributed import Client, Future, KilledWorker, WorkerPlugin, as_completed
from distributed.comm import parse_address
from distributed.comm.registry import get_backend
from distributed.deploy import Cluster

from curriculum.batch import (
    BatchSummary,
    Job,
    Preparation,
    Submission,
    executed_path,
    plan_batch,
    record_result,
)
from curriculum.gradebook import Gradebook
from curriculum.results import GradeReport

PLUGIN_NAME = "curriculum-grader"
CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler when none is given (Dask's own: 30)
NOT_DAEMONIC = "DASK_DISTRIBUTED__WORKER__DAEMON=False"
KILLED_MESSAGE = (
    "every Dask worker that graded it died while grading it (distributed.KilledWorker), "
    "so it was not graded; see the workers' logs"
)


class ClusterError(Exception):
    """The cluster cannot be used (unreachable, misconfigured workers); one line, no traceback."""


class WorkerSetupError(RuntimeError):
    """Raised on a worker that cannot grade: the message says what to change."""


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:300]


def _curriculum_version() -> str:
    try:
        return metadata.version("curriculum")
    except metadata.PackageNotFoundError:
        return "unknown"


def worker_problem(expected_version: str | None = None) -> str | None:
    """Why this process cannot grade, or None: a daemonic process cannot start the sandbox's
    children, and a different ``curriculum`` could grade differently."""
    if multiprocessing.current_process().daemon:
        return (
            "this Dask worker is a daemonic process, which may not start the grading sandbox's "
            f"children: start the workers with {NOT_DAEMONIC} in their environment "
            "(or `dask worker --no-nanny`)"
        )
    version = _curriculum_version()
    if expected_version is not None and version != expected_version:
        return (
            f"this Dask worker has curriculum {version}, the submitting side {expected_version}: "
            "install the same version on every worker"
        )
    return None


class GraderPlugin(WorkerPlugin):
    """Checks that a worker can grade and keeps its zygote warm, on every worker, including
    those that join (or are restarted) later."""

    name = PLUGIN_NAME

    def __init__(self, version: str | None = None):
        self.version = version

    async def setup(self, worker: Any) -> None:
        problem = worker_problem(self.version)
        if problem:
            raise WorkerSetupError(problem)
        # seconds of imports: off the worker's event loop, so that it keeps answering
        await asyncio.get_running_loop().run_in_executor(None, _warm_worker)


def _warm_worker() -> None:
    """Start the zygote, import the pipeline here while it imports the scientific stack, and
    wait for it: the first submission on this worker then grades as fast as the next."""
    from curriculum.grading.sandbox import start_zygote, warm_up
    from curriculum.lean_imports import skip_unused_optional_imports

    start_zygote()
    skip_unused_optional_imports()
    import curriculum.grading.pipeline  # noqa: F401
    import curriculum.instructor.private_specs  # noqa: F401

    warm_up()


def grade_on_worker(
    name: str,
    data: bytes,
    exercise: str | None,
    options: dict[str, Any],
    keep_executed: bool = False,
) -> dict[str, Any]:
    """The task: grade one notebook sent as bytes; its report as plain data, and with
    ``keep_executed`` the executed notebook's bytes (None if it could not be executed)."""
    problem = worker_problem()
    if problem:  # a worker whose plugin could not set up must not grade (or hang) anyway
        raise WorkerSetupError(problem)
    from curriculum.grading import grade_notebook

    with tempfile.TemporaryDirectory(prefix="curriculum-dask-") as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(data)
        out = Path(folder) / "executed" if keep_executed else None
        report = grade_notebook(path, exercise=exercise, out_dir=out, **options)
        executed = out / path.name if out is not None else None
        kept = executed.read_bytes() if executed is not None and executed.is_file() else None
    return {"report": report.to_dict(), "executed": kept}


def connect(
    target: str | Path | Client | Cluster, timeout: float | None = None
) -> tuple[Client, bool]:
    """A client for ``target``: a scheduler address (``tcp://10.0.0.5:8786``), a scheduler
    file, a ``Cluster`` or a ``Client``; and whether the caller should close it."""
    if isinstance(target, Client):
        return target, False
    if isinstance(target, Cluster):
        return Client(target, set_as_default=False), True
    text = str(target).strip()
    options = {"set_as_default": False, "timeout": timeout or CONNECT_TIMEOUT}
    path = Path(text).expanduser()
    if "://" not in text and text.endswith(".json") and not path.is_file():
        raise ClusterError(f"no Dask scheduler file at {text}")
    try:
        if path.is_file():
            return Client(scheduler_file=str(path), **options), True
        # an unknown scheme is refused before a Client exists: a failed Client's event loop
        # would keep this process alive after the error
        _check_address(text)
        return Client(text, **options), True
    except Exception as error:  # OSError, TimeoutError, ValueError (bad scheme), bad JSON...
        raise ClusterError(
            f"cannot reach the Dask scheduler at {text}: {_one_line(error)}"
        ) from None


def _check_address(address: str) -> None:
    """Raise ValueError for an address no scheduler can have (unknown scheme, no port)."""
    scheme, location = parse_address(address)
    backend = get_backend(scheme)
    with contextlib.suppress(NotImplementedError):
        backend.get_address_host_port(location)


def prepare_workers(client: Client) -> None:
    """Register :class:`GraderPlugin`: returns once every current worker's zygote is warm."""
    try:
        client.register_plugin(GraderPlugin(_curriculum_version()), name=PLUGIN_NAME)
    except Exception as error:
        raise ClusterError(
            f"the Dask workers of {client.scheduler.address} cannot grade: {_one_line(error)}"
        ) from None


def grade_batch_on_dask(
    folder: str | Path,
    gradebook: Gradebook,
    cluster: str | Path | Client | Cluster,
    *,
    workers: int | None = None,
    regrade: bool = False,
    exercise: str | None = None,
    on_start: Callable[[int, int], None] | None = None,
    on_result: Callable[[Submission, GradeReport], None] | None = None,
    prepare: Callable[[Submission], Preparation] | None = None,
    connect_timeout: float | None = None,
    **grade_options: Any,
) -> BatchSummary:
    """:func:`curriculum.batch.grade_batch` with each submission graded as one task on a Dask
    cluster (see the module docstring for what runs where).

    ``cluster`` is a scheduler address, a scheduler file, a ``Cluster`` or a ``Client`` (which
    is left open). ``workers`` caps the submissions in flight at once (default: all of them, and
    the scheduler hands them out). Raises :class:`ClusterError` if the cluster cannot be used;
    what was stored before stays stored.
    """
    from curriculum.instructor.private_specs import active_folders

    if active_folders():
        raise ClusterError(
            "private specs (--specs) are not sent to Dask workers: grade this folder without --dask"
        )
    started = time.perf_counter()
    client, owned = connect(cluster, connect_timeout)
    try:
        prepare_workers(client)
        summary, jobs = plan_batch(folder, gradebook, regrade=regrade, prepare=prepare)
        if on_start:
            on_start(len(jobs), summary.skipped)
        try:
            _grade_jobs(
                client, jobs, gradebook, summary, workers, exercise, on_result, grade_options
            )
        finally:
            summary.duration_s = time.perf_counter() - started
        return summary
    finally:
        if owned:
            client.close()


def _grade_jobs(
    client: Client,
    jobs: list[Job],
    gradebook: Gradebook,
    summary: BatchSummary,
    workers: int | None,
    exercise: str | None,
    on_result: Callable[[Submission, GradeReport], None] | None,
    grade_options: dict[str, Any],
) -> None:
    out_dir = grade_options.get("out_dir")
    sent = {key: value for key, value in grade_options.items() if key != "out_dir"}
    queue = iter(jobs)
    pending: dict[Future, Job] = {}
    completed = as_completed(loop=client.loop)

    def submit_next() -> None:
        for job in queue:
            try:
                data = job.submission.path.read_bytes()
            except OSError:  # the pipeline says why in its own words, without running anything
                from curriculum.grading import grade_notebook

                report = grade_notebook(job.submission.path, exercise=exercise)
                record_result(gradebook, summary, job, report, grade_options, on_result)
                continue
            digest = hashlib.sha256(data).hexdigest()  # the bytes graded are the bytes stored
            job = replace(job, digest=digest) if digest != job.digest else job
            future = client.submit(
                grade_on_worker,
                job.submission.path.name,
                data,
                exercise or job.submission.exercise,
                job.grade_options(sent),
                out_dir is not None,
                key=f"curriculum-grade-{job.submission.source}-{uuid.uuid4().hex[:8]}",
                pure=False,
            )
            pending[future] = job
            completed.add(future)
            return

    try:
        for _ in range(workers or len(jobs)):
            submit_next()
        for future in completed:
            job = pending.pop(future)
            report, executed = _outcome(future, job)
            if executed is not None and out_dir is not None:
                target = executed_path(out_dir, job.submission)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(executed)
            record_result(gradebook, summary, job, report, grade_options, on_result)
            submit_next()
    except KeyboardInterrupt:
        summary.interrupted = True
        raise
    finally:
        if pending:  # interrupted or failed: what is not stored will be graded on the next run
            client.cancel(list(pending))


def _outcome(future: Future, job: Job) -> tuple[GradeReport, bytes | None]:
    try:
        result = future.result()
    except KilledWorker:
        source = str(job.submission.path)
        return GradeReport.failed(source, KILLED_MESSAGE, job.submission.exercise), None
    except Exception as error:  # the worker, not the submission: stop, keep what is stored
        raise ClusterError(
            f"{job.submission.source}: the Dask worker could not grade it: {_one_line(error)}"
        ) from None
    return GradeReport.from_dict(result["report"]), result["executed"]


@contextlib.contextmanager
def local_grading_cluster(
    n_workers: int = 2, threads_per_worker: int = 1, **cluster_options: Any
) -> Iterator[Client]:
    """A ``LocalCluster`` of worker processes that can grade, and a client on it.

    Its workers are started non-daemonic, for as long as it runs (the nanny reads the setting
    again when it restarts a worker that died).
    """
    from distributed import LocalCluster

    options = {"processes": True, "dashboard_address": ":0", **cluster_options}
    with (
        dask.config.set({"distributed.worker.daemon": False}),
        LocalCluster(n_workers=n_workers, threads_per_worker=threads_per_worker, **options) as lc,
        Client(lc, set_as_default=False) as client,
    ):
        yield client

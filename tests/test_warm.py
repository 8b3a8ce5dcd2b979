"""The warm grader: later `curriculum grade FILE` commands reuse one grading process, grade
exactly as the command would, and never lose a grade to it (hangs, crashes, kills, garbage)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from conftest import solutions, write_variant
from curriculum.warm import client
from curriculum.warm.server import BadRequest, grade_options

pytestmark = pytest.mark.skipif(not client.warm_grader_enabled(), reason="needs Unix sockets")


@pytest.fixture
def warm_env(monkeypatch):
    """A private runtime folder with the warm grader turned on, and every grader started in it
    stopped (or killed) afterwards."""
    # short: a Unix socket's path has at most 107 bytes, and pytest-xdist's tmp_path is long
    folder = Path(tempfile.mkdtemp(prefix="cw-")) / "runtime"
    env = {
        **os.environ,
        client.ENABLE_VARIABLE: "1",
        client.RUNTIME_VARIABLE: str(folder),
        client.IDLE_VARIABLE: "60",
    }
    for name in (client.ENABLE_VARIABLE, client.RUNTIME_VARIABLE, client.IDLE_VARIABLE):
        monkeypatch.setenv(name, env[name])
    yield env
    pids = [grader["pid"] for grader in client.running_graders()]
    client.stop_graders()
    for pid in pids:
        _wait_gone(pid, 10)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
    shutil.rmtree(folder.parent, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())


def _wait_gone(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False


def grade(env, path: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "curriculum.cli", "grade", str(path), "--json", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def report_of(result: subprocess.CompletedProcess) -> dict:
    assert result.stdout.strip(), result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    report.pop("duration_s")
    return report


def only_grader() -> dict:
    graders = client.running_graders()
    assert len(graders) == 1, graders
    return graders[0]


def test_later_commands_reuse_one_grader_and_grade_as_the_command_does(warm_env, linreg, tmp_path):
    partly = write_variant(tmp_path / "07_linear_regression.ipynb", linreg, solutions(linreg, "q1"))
    first, second = grade(warm_env, partly), grade(warm_env, partly)
    grader = only_grader()
    assert grader["graded"] == 2
    local = grade({**warm_env, client.ENABLE_VARIABLE: "0"}, partly)
    assert report_of(first) == report_of(second) == report_of(local)
    assert report_of(first)["notebook"] == str(partly)  # as the user named it
    assert first.returncode == second.returncode == 0


def test_a_grader_started_for_one_exercise_grades_another_as_the_command_does(
    warm_env, linreg, tmp_path
):
    # its zygote is lean (only what 07 needs): a 12 file's kernel imports the rest itself
    from curriculum.exercises import load_exercise

    grade(warm_env, write_variant(tmp_path / "07_linear_regression.ipynb", linreg))
    other = load_exercise("12")
    partly = write_variant(
        tmp_path / "12_model_evaluation.ipynb", other, solutions(other, "q1", "q2")
    )
    served = grade(warm_env, partly)
    assert only_grader()["graded"] == 2
    local = grade({**warm_env, client.ENABLE_VARIABLE: "0"}, partly)
    assert report_of(served) == report_of(local)
    assert 0 < report_of(served)["score"] < report_of(served)["max_score"]


def test_a_submission_that_kills_its_grader_still_gets_its_grade(warm_env, linreg, tmp_path):
    warm_up = write_variant(tmp_path / "warm.ipynb", linreg, solutions(linreg))
    assert grade(warm_env, warm_up).returncode == 0
    server = only_grader()["pid"]
    answers = solutions(linreg)
    # walks up from its own process to the warm grader and kills it mid-grade
    answers["q1"] += f"\nimport os, signal\nos.kill({server}, signal.SIGKILL)\n"
    hostile = write_variant(tmp_path / "07_linear_regression.ipynb", linreg, answers)
    result = grade(warm_env, hostile)
    assert _wait_gone(server, 10)
    report = report_of(result)
    assert report["status"] == "graded", result.stderr  # graded again in the command itself
    assert result.returncode == 0
    clean = grade(warm_env, warm_up)  # and the next command starts a fresh grader
    assert report_of(clean)["score"] == report_of(clean)["max_score"]
    assert only_grader()["pid"] != server


def test_hangs_crashes_and_floods_cost_only_their_question(warm_env, linreg, tmp_path):
    answers = solutions(linreg)
    answers["q1"] += "\nwhile True:\n    pass\n"
    answers["q2"] += "\nimport os\nos._exit(3)\n"
    answers["q3"] += "\nprint('x' * 50_000_000)\n"
    hostile = write_variant(tmp_path / "07_linear_regression.ipynb", linreg, answers)
    report = report_of(grade(warm_env, hostile, "--cell-timeout", "2"))
    statuses = {q["id"]: q["status"] for q in report["questions"]}
    assert statuses["q1"] == "timeout" and statuses["q2"] == "error"
    assert statuses["q4"] == statuses["q5"] == statuses["q6"] == "passed"
    assert only_grader()["graded"] == 1  # the grader itself survived all three


def test_a_command_killed_mid_grade_leaves_the_grader_serving(warm_env, linreg, tmp_path):
    answers = solutions(linreg)
    answers["q1"] += "\nimport time\ntime.sleep(3)\n"
    slow = write_variant(tmp_path / "07_linear_regression.ipynb", linreg, answers)
    command = subprocess.Popen(
        [sys.executable, "-m", "curriculum.cli", "grade", str(slow)],
        env=warm_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not [g for g in client.running_graders() if g["active"] > 0]:
        assert time.monotonic() < deadline and command.poll() is None
        time.sleep(0.1)
    command.kill()
    command.wait()
    fine = write_variant(tmp_path / "fine.ipynb", linreg, solutions(linreg))
    report = report_of(grade(warm_env, fine))
    assert report["score"] == report["max_score"]
    deadline = time.monotonic() + 60
    while only_grader()["active"] and time.monotonic() < deadline:
        time.sleep(0.1)  # the abandoned grade runs to its end, then is dropped
    assert only_grader()["graded"] == 2


def test_a_stale_socket_of_a_killed_grader_is_replaced(warm_env, linreg, tmp_path):
    key07 = write_variant(tmp_path / "07_linear_regression.ipynb", linreg, solutions(linreg))
    grade(warm_env, key07)
    grader = only_grader()
    os.kill(grader["pid"], signal.SIGKILL)
    assert _wait_gone(grader["pid"], 10)
    assert Path(grader["socket"]).exists()  # left behind
    report = report_of(grade(warm_env, key07))
    assert report["score"] == report["max_score"]
    assert only_grader()["pid"] != grader["pid"]


def test_concurrent_commands_share_one_grader(warm_env, linreg, tmp_path):
    key07 = write_variant(tmp_path / "07_linear_regression.ipynb", linreg, solutions(linreg))
    results: list[subprocess.CompletedProcess] = []
    commands = [threading.Thread(target=lambda: results.append(grade(warm_env, key07)))]
    commands.append(threading.Thread(target=lambda: results.append(grade(warm_env, key07))))
    for thread in commands:
        thread.start()
    for thread in commands:
        thread.join()
    assert [report_of(r)["score"] for r in results] == [10.0, 10.0]
    assert only_grader()["graded"] == 2  # the second start found the first grader's lock


def test_garbage_on_the_socket_gets_an_error_or_nothing_and_the_grader_stays(
    warm_env, linreg, tmp_path
):
    key07 = write_variant(tmp_path / "07_linear_regression.ipynb", linreg, solutions(linreg))
    grade(warm_env, key07)
    path = Path(only_grader()["socket"])

    def exchange(payload: bytes) -> bytes:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(15)
            connection.connect(str(path))
            connection.sendall(payload)
            connection.shutdown(socket.SHUT_WR)
            try:
                return b"".join(iter(lambda: connection.recv(65536), b""))
            except ConnectionResetError:  # hung up on before reading all we sent
                return b""

    def framed(message) -> bytes:
        data = json.dumps(message).encode()
        return struct.pack(">I", len(data)) + data

    assert exchange(b"\xff" * 100) == b""  # a length far over the limit: hung up on
    assert exchange(struct.pack(">I", 10) + b"not json!!") == b""
    for message, error in [
        ([1, 2], "JSON object"),
        ({"grade": "relative.ipynb", "options": {}}, "absolute path"),
        ({"grade": str(key07), "options": {"engine": "nbclient"}}, "options must be"),
        ({"grade": str(key07), "options": {"memory": "lots"}}, "wrong type"),
    ]:
        reply = exchange(framed(message))
        assert error in json.loads(reply[4:])["error"]
    assert only_grader()["graded"] == 1


def test_an_unsafe_runtime_folder_means_grading_in_the_command(warm_env, linreg, tmp_path):
    folder = Path(warm_env[client.RUNTIME_VARIABLE])
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)  # another user could reach a socket here
    key07 = write_variant(tmp_path / "07_linear_regression.ipynb", linreg, solutions(linreg))
    result = grade(warm_env, key07)
    assert report_of(result)["score"] == 10.0
    assert list(folder.iterdir()) == []  # no grader started there
    with pytest.raises(client.WarmGraderUnavailable, match="not a private folder"):
        client.runtime_dir()


def test_an_idle_grader_exits_and_stop_stops_one(warm_env, linreg, tmp_path):
    key07 = write_variant(tmp_path / "07_linear_regression.ipynb", linreg, solutions(linreg))
    grade({**warm_env, client.IDLE_VARIABLE: "1"}, key07)
    grader = client.running_graders()
    if grader:  # it may already have gone
        assert _wait_gone(grader[0]["pid"], 15)
    assert client.running_graders() == []
    assert not list(Path(warm_env[client.RUNTIME_VARIABLE]).glob("*.sock"))
    grade(warm_env, key07)
    pid = only_grader()["pid"]
    stop = subprocess.run(
        [sys.executable, "-m", "curriculum.cli", "grader", "stop"],
        env=warm_env,
        capture_output=True,
        text=True,
    )
    assert stop.stdout.strip() == "stopped 1 warm grader"
    assert _wait_gone(pid, 15)
    status = subprocess.run(
        [sys.executable, "-m", "curriculum.cli", "grader", "status"],
        env=warm_env,
        capture_output=True,
        text=True,
    )
    assert status.stdout.strip() == "no warm grader running"


def test_a_grader_serves_only_the_settings_it_was_started_with(warm_env, monkeypatch):
    key = client.grader_key()
    monkeypatch.setenv("CURRICULUM_SPECS", "/somewhere/else")
    assert client.grader_key() != key  # another content root or spec folder: another grader
    monkeypatch.delenv("CURRICULUM_SPECS")
    monkeypatch.setenv(client.IDLE_VARIABLE, "5")
    assert client.grader_key() == key  # the grader's own controls do not matter


def test_requests_are_checked_before_anything_is_graded(tmp_path):
    target = str(tmp_path / "a.ipynb")
    assert grade_options({"grade": target, "options": {"timeout": 5}})[2] == {"timeout": 5}
    for request in (
        {"grade": 3, "options": {}},
        {"grade": target, "exercise": 7, "options": {}},
        {"grade": target, "options": {"cell_timeout": True}},
        {"grade": target, "options": {"kernel_name": "python3"}},
        {"grade": target},
    ):
        with pytest.raises(BadRequest):
            grade_options(request)

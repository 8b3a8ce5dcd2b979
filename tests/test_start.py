"""`curriculum start` for real: JupyterLab on a workspace, driven in headless Chromium."""

import contextlib
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest

from conftest import REPO, chromium_or_skip

URL_LINE = re.compile(r"JupyterLab is running at (http://127\.0\.0\.1:(\d+)/\S+\?token=(\w+))")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_open(port):
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def processes_mentioning(text):
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if text.encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except (OSError, ValueError):
            continue
    return found


class Lab:
    """`curriculum start WS --no-browser` as a learner runs it, in its own terminal session."""

    def __init__(self, tmp_path):
        source = tmp_path / "source"
        for relative in (
            "notebooks/07_linear_regression.ipynb",
            "exercises/07_linear_regression.ipynb",
        ):
            (source / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(REPO / relative, source / relative)
        self.workspace = tmp_path / "ws"
        self.runtime = tmp_path / "jupyter-runtime"
        # every cell in the page, not only those in view, so the test can find them
        settings = tmp_path / "jupyter-config/lab/user-settings/@jupyterlab/notebook-extension"
        settings.mkdir(parents=True)
        (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
        news = settings.parent / "apputils-extension"
        news.mkdir()
        (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
        env = dict(os.environ)
        env.update(
            CURRICULUM_ROOT=str(source),
            HOME=str(tmp_path),
            JUPYTER_RUNTIME_DIR=str(self.runtime),
            JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"),
            JUPYTER_DATA_DIR=str(tmp_path / "jupyter-data"),
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "curriculum.cli", "start", str(self.workspace)]
            + ["--no-browser", "--port", str(free_port())],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            start_new_session=True,
        )
        self.lines = []
        threading.Thread(target=lambda: self.lines.extend(self.process.stdout), daemon=True).start()
        deadline = time.monotonic() + 120
        while not (match := URL_LINE.search("".join(self.lines))):
            assert self.process.poll() is None, "".join(self.lines)
            assert time.monotonic() < deadline, "no URL printed: " + "".join(self.lines)
            time.sleep(0.1)
        self.url, port, self.token = match.group(1), match.group(2), match.group(3)
        self.port = int(port)
        self.base = f"http://127.0.0.1:{self.port}"

    def stop(self, signum):
        os.killpg(self.process.pid, signum)  # what a terminal's Ctrl-C (SIGINT) does
        return self.process.wait(60)

    def kill(self):
        """After a failed test: the command, and the server it started in its own session."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        for pid in processes_mentioning(f"--ServerApp.root_dir={self.workspace}"):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_start_serves_the_workspace_and_stopping_it_stops_the_server(tmp_path, signum):
    import urllib.request

    lab = Lab(tmp_path)
    try:
        assert (lab.workspace / "exercises/07_linear_regression.ipynb").is_file()
        assert "/lab/tree/notebooks/07_linear_regression.ipynb" in lab.url
        request = urllib.request.Request(
            f"{lab.base}/api/contents/exercises?token={lab.token}",
            headers={"Authorization": f"token {lab.token}"},
        )
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # tests set a proxy
        with direct.open(request, timeout=10) as reply:
            listing = reply.read().decode()
        assert "07_linear_regression.ipynb" in listing
        assert lab.stop(signum) == 0
        assert not port_open(lab.port)
        assert processes_mentioning(str(lab.runtime)) == []
        assert "Traceback" not in "".join(lab.lines)
    finally:
        lab.kill()


def test_a_learner_checks_answers_and_asks_for_a_hint_in_jupyterlab(tmp_path):
    chromium = chromium_or_skip()
    from playwright.sync_api import expect, sync_playwright

    from curriculum.exercises import load_exercise
    from curriculum.notebook_builder import cell_role

    solution = load_exercise("07").question("q1").solution
    lab = Lab(tmp_path)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-proxy-server",  # the tests point HTTP(S)_PROXY at a closed port
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ],
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(f"{lab.base}/lab/tree/exercises/07_linear_regression.ipynb?token={lab.token}")
            notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
            expect(notebook.locator(".jp-Cell").first).to_be_visible(timeout=120_000)

            cells = notebook.locator(".jp-Cell")
            blank = nbformat.read(str(lab.workspace / "exercises/07_linear_regression.ipynb"), 4)
            expect(cells).to_have_count(len(blank.cells), timeout=60_000)
            roles = [cell_role(cell) for cell in blank.cells]
            answer, check = roles.index(("answer", "q1")), roles.index(("check", "q1"))

            # the kernel must be up before anything runs, or JupyterLab runs nothing
            expect(page.get_by_text("Python 3 (ipykernel) | Idle")).to_be_visible(timeout=120_000)
            # Run > Run All Cells: setup, data, every untouched answer and every check
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            check_output = cells.nth(check).locator(".jp-OutputArea-output")
            expect(check_output).to_contain_text("q1: not attempted yet", timeout=120_000)

            editor = cells.nth(answer).locator(".cm-content")
            editor.click()
            page.keyboard.press("Control+A")
            page.keyboard.press("Delete")
            page.keyboard.insert_text(solution)  # as a paste: no auto-indent or bracket pairs
            expect(editor).to_contain_text("np.linalg.solve", timeout=10_000)
            page.keyboard.press("Shift+Enter")  # run the answer; the check cell is next
            page.keyboard.press("Shift+Enter")  # run the check
            expect(check_output).to_contain_text("q1 passed the public checks", timeout=60_000)

            page.keyboard.press("b")  # command mode after a run: a new cell below the check
            page.keyboard.press("Enter")
            page.keyboard.insert_text("q1.hint()")
            page.keyboard.press("Shift+Enter")
            hint_cell = notebook.locator(".jp-CodeCell", has_text="q1.hint()")
            expect(hint_cell.locator(".jp-OutputArea-output")).to_contain_text(
                "Hint 1 for q1", timeout=60_000
            )
            page.screenshot(path=str(tmp_path / "jupyterlab.png"), full_page=True)
            print(f"screenshot: {tmp_path / 'jupyterlab.png'}")
            browser.close()
        assert (tmp_path / "jupyterlab.png").stat().st_size > 10_000
        # the kernel ran in the workspace: its check() calls are the learner's progress
        with sqlite3.connect(lab.workspace / ".curriculum/progress.sqlite") as db:
            statuses = [s for (s,) in db.execute("SELECT status FROM checks WHERE module='07'")]
        assert "not_attempted" in statuses and "passed" in statuses
        assert lab.stop(signal.SIGTERM) == 0
        assert processes_mentioning(str(lab.runtime)) == []
    finally:
        lab.kill()


def test_a_killed_start_leaves_no_server_behind(tmp_path):
    lab = Lab(tmp_path)
    try:
        os.kill(lab.process.pid, signal.SIGKILL)  # no handler runs: the kernel must tell the server
        lab.process.wait(10)
        deadline = time.monotonic() + 30
        while port_open(lab.port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not port_open(lab.port)
    finally:
        lab.kill()

"""The fork sandbox: every dying cell is skipped once, however many there are."""

import json

import pytest

from conftest import solutions, write_variant
from curriculum.grading import grade_notebook
from curriculum.grading.sandbox import Limits, run_cells


def test_more_dying_cells_than_any_fixed_restart_limit(linreg, tmp_path):
    def edit(nb):
        import nbformat

        dying = [nbformat.v4.new_code_cell(f"import os\nos._exit({n})") for n in range(7)]
        nb.cells[-1:-1] = dying  # learner cells of their own, before the last question

    answers = solutions(linreg)
    path = write_variant(tmp_path / "07_linear_regression.ipynb", linreg, answers, edit)
    report = grade_notebook(path)
    assert report.graded, report.error
    assert report.score == report.max_score, [(q.id, q.message) for q in report.questions]


def test_run_cells_reports_each_death_and_finishes(tmp_path):
    cells = [(f"c{n}", f"import os\nos._exit({n + 1})") for n in range(6)]
    cells.append(("last", "print('still here')"))
    run = run_cells(cells, limits=Limits(cell_timeout=5), cwd=str(tmp_path))
    assert run.restarts == 6
    assert [run.cells[f"c{n}"].evalue for n in range(6)] == [
        f"it exited with status {n + 1}" for n in range(6)
    ]
    assert run.cells["last"].outputs == [("stdout", "still here\n")]


def test_forged_reports_from_a_cell_are_ignored(tmp_path):
    forge = (
        "import json, os, struct\n"
        "for fd in os.listdir('/proc/self/fd'):\n"
        "    for m in (['done', 'nope', '', '', [], [], 0], ['done', 'b', 'X', 'y', 1, 2, 3]):\n"
        "        data = json.dumps(m).encode()\n"
        "        try:\n"
        "            os.write(int(fd), struct.pack('!i', len(data)) + data)\n"
        "        except OSError:\n"
        "            pass\n"
    )
    cells = [("a", forge), ("b", "1 / 0")]
    run = run_cells(cells, limits=Limits(cell_timeout=5), cwd=str(tmp_path))
    assert run.cells["b"].ename == "ZeroDivisionError"
    assert "nope" not in run.cells


def test_children_do_not_rerun_the_parent_main_script(linreg, tmp_path):
    """A grading script's top level runs once, not again in every child (0.25 s each for the CLI)."""
    import subprocess
    import sys

    key = tmp_path / "07_linear_regression.ipynb"
    write_variant(key, linreg, solutions(linreg))
    runs = tmp_path / "runs.txt"
    script = tmp_path / "grade_one.py"
    script.write_text(
        "from pathlib import Path\n"
        f"with open({str(runs)!r}, 'a') as f:\n"
        "    f.write('ran\\n')\n"
        "from curriculum.grading import grade_notebook\n"
        "if __name__ == '__main__':\n"
        f"    report = grade_notebook({str(key)!r})\n"
        "    print(report.score, report.max_score)\n"
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["10.0", "10.0"]
    assert runs.read_text() == "ran\n"


@pytest.mark.parametrize("lean", [False, True])
def test_the_zygote_prepares_the_named_exercises_once_for_all_children(tmp_path, lean):
    """Specs and data named before the zygote starts are built there, not in every child; a
    name that is no exercise is ignored. A lean zygote (one file) imports what the exercise
    needs and not the rest. Test tools hidden while skops lists estimators stay importable."""
    import subprocess
    import sys

    probe = (
        "import json, sys\n"
        "import narwhals.plugins\n"
        "spec = sys.modules.get('curriculum.exercises.linear_regression')\n"
        "found = {\n"
        "    'spec': spec is not None,\n"
        "    'data': spec is not None and spec._context.cache_info().currsize,\n"
        "    'plugins': narwhals.plugins._discover_entrypoints.cache_info().currsize,\n"
        "    'shell': 'IPython.core.completer' in sys.modules,\n"
        "    'solutions': 'sklearn.linear_model' in sys.modules,\n"
        "    'skops': 'skops.io' in sys.modules,\n"
        "    'pyplot': 'matplotlib.pyplot' in sys.modules,\n"
        "    'pytest before': 'pytest' in sys.modules,\n"
        "}\n"
        "import pytest\n"
        "found['pytest after'] = pytest.__name__\n"
        f"open({str(tmp_path / 'probe.json')!r}, 'w').write(json.dumps(found))\n"
    )
    script = (
        (
            "from curriculum.grading import sandbox\n"
            "if __name__ == '__main__':\n"
            "    names = ['07_linear_regression', 'no_such_exercise', None]\n"
            "    sandbox.start_zygote(names, lean=LEAN)\n"
            "    child = sandbox.sandbox_context().Process(target=exec, args=(PROBE,))\n"
            "    sandbox.start_process(child)\n"
            "    child.join()\n"
            "    print(child.exitcode)\n"
        )
        .replace("PROBE", repr(probe))
        .replace("LEAN", repr(lean))
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert done.returncode == 0 and done.stdout.split() == ["0"], done.stderr
    found = json.loads((tmp_path / "probe.json").read_text())
    assert found == {
        "spec": True,
        "data": 1,
        "plugins": 1,
        "shell": True,
        "solutions": True,
        "skops": True,
        "pyplot": not lean,
        "pytest before": False,
        "pytest after": "pytest",
    }

"""Progress for batch grading: a rich progress bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress

from curriculum.results import GradeReport


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class Progress:
    """Reports a batch as it goes; ``live`` (default: the stream is a terminal) draws a bar."""

    def __init__(self, stream: TextIO | None = None, live: bool | None = None):
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self.total = 0
        self.done = 0
        self.started = time.perf_counter()
        self._bar: RichProgress | None = None
        self._task = None

    def start(self, total: int, skipped: int) -> None:
        self.total, self.done, self.started = total, 0, time.perf_counter()
        note = f" ({skipped} already in the gradebook)" if skipped else ""
        self.stream.write(f"grading {total} submission(s){note}\n")
        self.stream.flush()
        if self.live and total:
            console = Console(file=self.stream, force_terminal=True)
            self._bar = RichProgress(
                TextColumn("grading"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}/min"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=console,
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("grading", total=total, rate="0")

    def rate_and_eta(self) -> tuple[float, float]:
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        rate = self.done / elapsed
        eta = (self.total - self.done) / rate if rate else 0.0
        return rate, eta

    def update(self, label: str, report: GradeReport) -> None:
        self.done += 1
        rate, eta = self.rate_and_eta()
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done, rate=f"{rate * 60:.0f}")
            return
        outcome = (
            f"{report.score:g}/{report.max_score:g}" if report.graded else f"error: {report.error}"
        )
        self.stream.write(
            f"[{self.done}/{self.total}] {label}: {outcome} "
            f"({report.duration_s:.1f}s, {rate * 60:.0f}/min, ETA {_clock(eta)})\n"
        )
        self.stream.flush()

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

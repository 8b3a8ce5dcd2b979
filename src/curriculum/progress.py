"""Progress for batch grading: a live bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from curriculum.results import GradeReport


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class Progress:
    def __init__(self, stream: TextIO | None = None, live: bool | None = None, width: int = 28):
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self.width = width
        self.total = 0
        self.done = 0
        self.started = time.perf_counter()

    def start(self, total: int, skipped: int) -> None:
        self.total, self.done, self.started = total, 0, time.perf_counter()
        note = f" ({skipped} already in the gradebook)" if skipped else ""
        self.stream.write(f"grading {total} submission(s){note}\n")
        self.stream.flush()

    def rate_and_eta(self) -> tuple[float, float]:
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        rate = self.done / elapsed
        eta = (self.total - self.done) / rate if rate else 0.0
        return rate, eta

    def update(self, label: str, report: GradeReport) -> None:
        self.done += 1
        rate, eta = self.rate_and_eta()
        if self.live:
            filled = int(self.width * self.done / max(self.total, 1))
            bar = "█" * filled + "·" * (self.width - filled)
            self.stream.write(
                f"\r{bar} {self.done}/{self.total}  {rate * 60:.0f}/min  ETA {_clock(eta)} "
            )
        else:
            outcome = (
                f"{report.score:g}/{report.max_score:g}"
                if report.graded
                else f"error: {report.error}"
            )
            self.stream.write(
                f"[{self.done}/{self.total}] {label}: {outcome} "
                f"({report.duration_s:.1f}s, {rate * 60:.0f}/min, ETA {_clock(eta)})\n"
            )
        self.stream.flush()

    def finish(self) -> None:
        if self.live and self.total:
            self.stream.write("\n")
            self.stream.flush()

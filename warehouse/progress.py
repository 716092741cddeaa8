"""Progress display for long command-line work."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

Progress = Callable[[str, float], None]
"""Called with a step label and the overall fraction done (0-1)."""


def silent(label: str, fraction: float) -> None:
    """A progress callback that shows nothing."""


class Bar:
    """A one-line bar on a terminal; one line per step when the output is not a terminal."""

    def __init__(self, stream: TextIO = sys.stderr, width: int = 30):
        self.stream = stream
        self.width = width
        self.start = time.perf_counter()
        self.tty = stream.isatty()
        self.last_label = None

    def __call__(self, label: str, fraction: float) -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        if not self.tty and label == self.last_label and fraction < 1.0:
            return
        self.last_label = label
        filled = int(round(self.width * fraction))
        elapsed = time.perf_counter() - self.start
        line = f"[{'#' * filled}{'.' * (self.width - filled)}] {fraction * 100:5.1f}%  {elapsed:6.1f} s  {label}"
        if self.tty:
            self.stream.write("\r" + line.ljust(100))
            if fraction >= 1.0:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

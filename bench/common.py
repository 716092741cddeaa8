"""What every benchmark shares: timing, peak memory and the one JSON line ``bench/run_all.py`` reads.

A bench script joins ``run_all`` in three steps (the protocol is described in full at the top
of run_all.py):

    from bench import common                      # after sys.path.insert(0, ROOT)

    parser = argparse.ArgumentParser()
    common.add_arguments(parser)                  # --scale N and --quick
    args = parser.parse_args()
    seconds, peak_mb, value = common.measure(lambda: work(args.scale), runs=1 if args.quick else 3)
    reference, _, _ = common.measure(lambda: plain_reference(args.scale), runs=...)
    common.emit("coverage_units", args.scale, rows=len(value), seconds=seconds,
                reference_s=reference, peak_mb=peak_mb, budget_s=1.0)

``emit`` prints ``BENCH {...}`` on stdout; everything else a bench prints is its own. Peak
memory is the peak resident set size of the process while the measured function ran (Linux
``VmHWM``, reset before each measurement through ``/proc/self/clear_refs``): it counts what
DuckDB, numpy and GEOS allocate, which ``tracemalloc`` would not see, and it includes the
interpreter and the libraries already loaded (about 150-300 MB with pandas and DuckDB).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

MARKER = "BENCH "
"""The prefix of a result line on a bench's stdout."""

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


@dataclasses.dataclass(frozen=True)
class Result:
    """One measured entry point or page at one scale.

    ``seconds`` and ``reference_s`` are wall seconds (the reference measured in the same run,
    so that the ratio compares across machines); ``rows`` what the entry point read or
    produced (the bench says which); ``peak_mb`` the process's peak resident set size in
    megabytes; ``budget_s`` the time budget in seconds (None: no budget); ``budget_mb`` a
    memory budget in megabytes when there is one; ``note`` a few words (cold/warm, which rows).
    """

    name: str
    scale: float | None = None
    rows: int | None = None
    seconds: float | None = None
    reference_s: float | None = None
    peak_mb: float | None = None
    budget_s: float | None = None
    budget_mb: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.seconds is None or not self.reference_s:
            return None
        return self.seconds / self.reference_s

    @property
    def met(self) -> bool | None:
        """Whether the time (and memory) budget is met; None without a budget or a figure."""
        checks = []
        if self.budget_s is not None and self.seconds is not None:
            checks.append(self.seconds < self.budget_s)
        if self.budget_mb is not None and self.peak_mb is not None:
            checks.append(self.peak_mb < self.budget_mb)
        return all(checks) if checks else None

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Result:
        data = json.loads(text)
        fields = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in fields})


def add_arguments(parser: argparse.ArgumentParser, default_scale: float = 1) -> None:
    """``--scale`` (the data size, the bench says of what) and ``--quick`` (fewest runs, smallest
    sizes: a smoke run, its figures not to be quoted)."""
    parser.add_argument("--scale", type=float, default=default_scale, help=f"data scale (default {default_scale:g})")
    parser.add_argument("--quick", action="store_true", help="one run at the smallest sizes (a smoke run)")


def peak_rss_mb() -> float:
    """This process's peak resident set size (megabytes) since the last :func:`reset_peak`."""
    match = re.search(r"^VmHWM:\s+(\d+) kB", _STATUS.read_text(), re.M)
    return int(match.group(1)) / 1024 if match else float("nan")


def rss_mb(pid: int | str = "self") -> float:
    """The resident set size of process ``pid`` now (megabytes)."""
    match = re.search(r"^VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.M)
    return int(match.group(1)) / 1024 if match else float("nan")


def reset_peak() -> None:
    """Start the peak resident set size afresh from the current one (Linux 4.0+)."""
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        pass  # not Linux, or not allowed: the peak then counts from the start of the process


def measure(fn: Callable[[], Any], runs: int = 3, warmup: bool = True) -> tuple[float, float, Any]:
    """(median wall seconds of ``runs`` calls of ``fn``, peak RSS in MB over them, the last value).

    With ``warmup`` one call before the timed ones (caches, imports, JIT of DuckDB plans) is not
    counted in the time, but is in the peak memory.
    """
    reset_peak()
    value = fn() if warmup else None
    times = []
    for _ in range(max(runs, 1)):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), peak_rss_mb(), value


def emit(name: str, scale: float | None = None, **figures: Any) -> Result:
    """Print one result line for run_all (and return it); ``figures`` are :class:`Result` fields."""
    result = Result(name=name, scale=scale, **figures)
    print(MARKER + result.to_json(), flush=True)
    return result


def parse(lines: str) -> list[Result]:
    """The results a bench printed with :func:`emit`."""
    return [Result.from_json(line[len(MARKER) :]) for line in lines.splitlines() if line.startswith(MARKER)]


if __name__ == "__main__":
    sys.exit("bench/common.py is a helper module; run bench/run_all.py or one bench_*.py")

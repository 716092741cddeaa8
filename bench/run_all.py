"""Every benchmark of bench/ in one command, and one table of what they measured.

    .venv/bin/python bench/run_all.py [--scale 1] [--only NAME[,NAME]] [--skip NAME[,NAME]] [--quick]
        [--db DEMO] [--verbose]

For each entry point or page: the scale, the rows it read or made, its time, the time of a
reference measured in the same run (the ratio is what compares across machines), the peak
memory, the budget and whether it is met. ``--only coverage,six_t`` runs those benches
(names without ``bench_`` and ``.py``), ``--skip national,hierarchy`` all but those;
``--quick`` runs each once at its smallest size, a smoke run whose figures are not to be quoted.
``--db DEMO`` hands a demo warehouse already built at ``--scale`` (``python -m warehouse demo
--scale S --db DEMO``) to the benches that read the real demo (:data:`TAKES_DEMO_DB`), which
otherwise build one each (some two minutes and 2 GB apiece at scale 10). The exit status is 1 when a bench crashed,
0 otherwise (a budget not met is shown in the table, not in the status).

The protocol (for whoever writes or edits a bench)
---------------------------------------------------
1. run_all finds every ``bench/bench_*.py`` and runs each in a process of its own (one bench
   cannot skew the memory of the next), from the repository root, as
   ``python bench/bench_x.py --scale S [--quick]``.
2. A bench that has joined prints one line per measured entry point or page with
   ``bench.common.emit(name, scale, rows=..., seconds=..., reference_s=..., peak_mb=...,
   budget_s=...)``: ``BENCH {json}`` on stdout. ``common.add_arguments(parser)`` gives it
   ``--scale`` and ``--quick``; ``common.measure(fn, runs)`` the median seconds and the peak
   memory of a function. Everything else it prints is its own (shown with ``--verbose``).
   run_all knows that a bench has joined when its source calls ``common.emit``.
3. A bench that has not joined yet gets an adapter here (:data:`ADAPTERS`): the command line
   for a scale and quick mode, and a parser of what it prints today. Its peak memory is that
   of its whole process (``ru_maxrss`` of the child, the interpreter and the data build
   included) unless it prints its own. A bench with neither is listed as not adapted and
   not run.
4. A joined bench that reads the real demo at ``--scale`` takes ``--db PATH`` for one already
   built (it reads or copies it, never writes it) and is listed in :data:`TAKES_DEMO_DB`.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from bench.common import Result  # noqa: E402

BENCH_DIR = ROOT / "bench"


@dataclasses.dataclass(frozen=True)
class Adapter:
    """How to run a bench that does not emit results yet, and read what it prints."""

    argv: Callable[[float, bool], list[str]]
    parse: Callable[[str, float], list[Result]]


def _num(text: str) -> float:
    return float(text.replace(",", ""))


def _int_scale(scale: float) -> str:
    return str(max(int(round(scale)), 1))


def parse_demo(out: str, scale: float) -> list[Result]:
    """bench_demo.py: ``scale rows build_s size_mb reference_s ratio``."""
    rows = re.findall(r"^\s*(\d+)\s+([\d,]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+[\d.]+x\s*$", out, re.M)
    return [
        Result(
            "demo build (warehouse.demo)",
            int(s),
            int(_num(n)),
            float(sec),
            float(ref),
            budget_s=30.0 * int(s),
            note=f"{float(mb):.0f} MB file; reference: range() rows",
        )
        for s, n, sec, mb, ref in rows
    ]


def parse_coverage(out: str, scale: float) -> list[Result]:
    """bench_coverage.py: ``scale members build duckdb pandas load ratio equal``."""
    rows = re.findall(r"^\s*(\d+)\s+([\d,]+)\s+\S+\s+([\d.]+)\s+([\d.]+)\s+[\d.]+\s+[\d.]+x\s+(\w+)\s*$", out, re.M)
    return [
        Result(
            "coverage_units + coverage_levels",
            int(s),
            int(_num(members)),
            float(duck),
            float(pandas),
            budget_s=1.0 if int(s) <= 10 else 2.0,
            note=f"members; reference: pandas; equal {equal}",
        )
        for s, members, duck, pandas, equal in rows
    ]


def parse_six_t(out: str, scale: float) -> list[Result]:
    """bench_six_t.py: ``scale distributions build duckdb cpu pandas ratio equal``."""
    rows = re.findall(r"^\s*(\d+)\s+([\d,]+)\s+[\d.]+\s+([\d.]+)\s+[\d.]+\s+([\d.]+)\s+[\d.]+x\s+(\w+)", out, re.M)
    return [
        Result(
            "six_t_units (6T of every distribution)",
            int(s),
            int(_num(n)),
            float(duck),
            float(pandas),
            budget_s=2.0,
            note=f"distributions; reference: pandas; equal {equal}",
        )
        for s, n, duck, pandas, equal in rows
    ]


def parse_hotspots(out: str, scale: float) -> list[Result]:
    """bench_hotspots.py: the Gi* rows and the kernel density row."""
    results = [
        Result(f"hot_spots Gi* ({name})", None, int(_num(n)), float(ours), float(ref), note=f"{perms} permutations")
        for name, n, perms, ours, ref in re.findall(
            r"^(Batam kelurahan|synthetic grid)\s+([\d,]+)\s+([\d,]+)\s+[\d.]+\s+([\d.]+)\s+([\d.]+)\s+[\d.]+x",
            out,
            re.M,
        )
    ]
    results += [
        Result("kernel_density (heat layer)", None, int(_num(n)), float(ours), float(ref), note="points")
        for n, ours, ref in re.findall(r"^\s*([\d,]+)\s+\d+x\d+\s+\d+\s+([\d.]+)\s+([\d.]+)\s+[\d.]+x", out, re.M)
    ]
    return results


def parse_import(out: str, scale: float) -> list[Result]:
    """bench_import.py: the import's seconds, DuckDB's read_csv, the import's own peak RSS."""
    seconds = re.search(r"import with validation:\s+([\d.]+) s", out)
    rows = re.search(r"rows: ([\d,]+) read", out)
    reference = re.search(r"reference duckdb read_csv:\s+([\d.]+) s", out)
    peak = re.search(r"peak RSS of the import:\s+([\d.]+) MB.*= ([\d.]+) MB", out)
    if not seconds or not rows:
        return []
    n = int(_num(rows.group(1)))
    return [
        Result(
            "import dtks (SIKS-NG CSV)",
            scale,
            n,
            float(seconds.group(1)),
            float(reference.group(1)) if reference else None,
            float(peak.group(1)) if peak else None,
            budget_s=30.0 * n / 1e6,
            budget_mb=float(peak.group(2)) if peak else None,
            note="reference: DuckDB read_csv, no checks",
        )
    ]


ADAPTERS: dict[str, Adapter] = {
    "demo": Adapter(lambda scale, quick: ["--scales", _int_scale(scale)], parse_demo),
    "coverage": Adapter(
        lambda scale, quick: ["--scales", _int_scale(scale), "--runs", "1" if quick else "3"], parse_coverage
    ),
    "six_t": Adapter(
        lambda scale, quick: ["--scales", _int_scale(scale), "--runs", "1" if quick else "3"], parse_six_t
    ),
    "hotspots": Adapter(
        lambda scale, quick: (
            ["--runs", "1", "--large-units", "600", "--points", "100000"]
            + ["--permutations", "999", "--large-permutations", "999"]
            if quick
            else []
        ),
        parse_hotspots,
    ),
    # Scale 10 is the budget's million rows.
    "import": Adapter(lambda scale, quick: ["--rows", str(20_000 if quick else int(100_000 * scale))], parse_import),
}


TAKES_DEMO_DB = frozenset({"entry_points", "pages", "pmks_rows", "refresh", "register", "settle", "targeting"})
"""The benches whose ``--db`` is a demo warehouse at the run's scale (the protocol, point 4)."""


@dataclasses.dataclass
class Outcome:
    """What one bench process gave: its results, exit code, seconds, peak RSS and its output."""

    name: str
    results: list[Result]
    returncode: int | None
    seconds: float
    process_peak_mb: float | None
    stdout: str = ""
    stderr: str = ""
    how: str = "emit"


def discover() -> list[Path]:
    return sorted(BENCH_DIR.glob("bench_*.py"))


def bench_name(path: Path) -> str:
    return path.stem.removeprefix("bench_")


def joined(path: Path) -> bool:
    """Whether the bench emits results itself (the protocol, point 2)."""
    return "common.emit(" in path.read_text(encoding="utf-8")


def run_process(argv: list[str], timeout: float | None) -> tuple[int, str, str, float, float]:
    """(exit code, stdout, stderr, wall seconds, the process's peak RSS in MB) of ``argv``."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, stdout=out, stderr=err, text=True)
        timer = threading.Timer(timeout, proc.kill) if timeout else None
        if timer:
            timer.start()
        try:
            # wait4 gives this child's own resource usage (Popen.wait would not).
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            if timer:
                timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return proc.returncode, out.read(), err.read(), seconds, usage.ru_maxrss / 1024


def run_bench(path: Path, scale: float, quick: bool, timeout: float | None, demo_db: Path | None = None) -> Outcome:
    name = bench_name(path)
    if joined(path):
        argv, parse, how = ["--scale", f"{scale:g}", *(["--quick"] if quick else [])], None, "emit"
        if demo_db and not quick and name in TAKES_DEMO_DB:
            argv += ["--db", str(demo_db)]
    elif name in ADAPTERS:
        adapter = ADAPTERS[name]
        argv, parse, how = adapter.argv(scale, quick), adapter.parse, "adapter"
    else:
        return Outcome(name, [], None, 0.0, None, how="not adapted")
    code, out, err, seconds, peak = run_process([sys.executable, str(path), *argv], timeout)
    results = common.parse(out) if parse is None else parse(out, scale)
    if how == "adapter":
        results = [r if r.peak_mb is not None else dataclasses.replace(r, peak_mb=peak) for r in results]
    return Outcome(name, results, code, seconds, peak, out, err, how)


def _fmt(value, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


COLUMNS = (
    "bench",
    "entry point / page",
    "scale",
    "rows",
    "time",
    "reference",
    "ratio",
    "peak MB",
    "budget",
    "met",
    "note",
)


def table(outcomes: list[Outcome]) -> str:
    """The one table: a line per result, a line for a bench that failed or gave nothing."""
    lines = []
    for o in outcomes:
        for r in o.results:
            budget = " ".join(
                part
                for part in (
                    f"< {_seconds(r.budget_s)}" if r.budget_s is not None else "",
                    f"< {r.budget_mb:,.0f} MB" if r.budget_mb is not None else "",
                )
                if part
            )
            met = {True: "yes", False: "NO", None: "-"}[r.met]
            lines.append(
                (
                    o.name,
                    r.name,
                    _fmt(r.scale, "g"),
                    _fmt(r.rows, ",d"),
                    _seconds(r.seconds),
                    _seconds(r.reference_s),
                    _fmt(r.ratio, ".1f") + ("x" if r.ratio is not None else ""),
                    _fmt(r.peak_mb, ",.0f"),
                    budget or "-",
                    met,
                    r.note,
                )
            )
        if o.how == "not adapted":
            lines.append((o.name, "not adapted (no common.emit, no adapter): run it on its own", *["-"] * 9))
        elif o.returncode:
            last = (o.stderr.strip().splitlines() or ["no output"])[-1][:100]
            lines.append((o.name, f"FAILED (exit {o.returncode}, {o.seconds:.0f} s): {last}", *["-"] * 9))
        elif not o.results:
            lines.append((o.name, f"no result recognised in its output ({o.seconds:.0f} s)", *["-"] * 9))
    widths = [max(len(str(c)) for c in col) for col in zip(COLUMNS, *lines)]
    right = {2, 3, 4, 5, 6, 7}

    def row(cells) -> str:
        return "  ".join(
            str(c).rjust(w) if i in right else str(c).ljust(w) for i, (c, w) in enumerate(zip(cells, widths))
        ).rstrip()

    return "\n".join([row(COLUMNS), row("-" * w for w in widths), *map(row, lines)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1, help="data scale handed to every bench (default 1)")
    parser.add_argument("--only", action="append", default=[], help="bench names, comma-separated (e.g. six_t,demo)")
    parser.add_argument("--skip", action="append", default=[], help="bench names to leave out, comma-separated")
    parser.add_argument("--quick", action="store_true", help="each bench once at its smallest size (smoke run)")
    parser.add_argument("--db", type=Path, help="a demo warehouse built at --scale, for the benches that read one")
    parser.add_argument("--timeout", type=float, help="seconds after which a bench is stopped")
    parser.add_argument("--verbose", action="store_true", help="also print what each bench prints")
    args = parser.parse_args(argv)
    wanted = {n.strip() for part in args.only for n in part.split(",") if n.strip()}
    skipped = {n.strip() for part in args.skip for n in part.split(",") if n.strip()}
    paths = discover()
    unknown = (wanted | skipped) - {bench_name(p) for p in paths}
    if unknown:
        parser.error(f"no bench/bench_{sorted(unknown)[0]}.py; the benches: {', '.join(map(bench_name, paths))}")
    outcomes = []
    started = time.perf_counter()
    for path in paths:
        if (wanted and bench_name(path) not in wanted) or bench_name(path) in skipped:
            continue
        print(
            f"running {path.name} ... ({time.strftime('%H:%M:%S')}, load {os.getloadavg()[0]:.1f})",
            file=sys.stderr,
            flush=True,
        )
        outcome = run_bench(path, args.scale, args.quick, args.timeout, args.db)
        if args.verbose:
            print(outcome.stdout + outcome.stderr, file=sys.stderr, flush=True)
        outcomes.append(outcome)
    print(table(outcomes))
    print(
        f"\n{len(outcomes)} benches in {time.perf_counter() - started:.0f} s; scale {args.scale:g}"
        f"{' (quick: smoke run, figures not to be quoted)' if args.quick else ''}; "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}. Peak MB: the process's peak RSS (interpreter "
        "included) while the entry point ran, or over the whole bench for adapted ones."
    )
    return 1 if any(o.returncode for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Server time of the overview page (AppTest, warm cache) on the demo warehouse.

Prints the first (cold) run and the median of several warm runs, and the same for a reference
page that only writes a line of text, measured in the same run: the ratio is what to compare
across machines. Also the rows the cold run read from the warehouse into Python (every
queries.run result, counted). The page runs signed in as an unscoped kepala (``--scope KODE,...``:
limited to those kelurahan).

    .venv/bin/python bench/bench_overview.py [--db PATH] [--runs 5] [--scope KODE,...]

Without --db it builds the scale-1 demo into a temporary file first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

import queries  # noqa: E402
from ui import auth  # noqa: E402
from warehouse import db, demo, users  # noqa: E402

REFERENCE_APP = "import streamlit as st\nst.write('reference')\n"


def page_seconds(at: AppTest, runs: int) -> tuple[float, float]:
    """(the first, cold run; the median of ``runs`` warm runs after it), seconds."""
    start = time.perf_counter()
    at.run()
    cold = time.perf_counter() - start
    assert not at.exception, [e.value for e in at.exception]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception, [e.value for e in at.exception]
    return cold, statistics.median(times)


class RowCounter:
    """Counts the rows every queries.run returns (what the page reads into Python)."""

    def __init__(self) -> None:
        self.rows = 0
        self.largest = (0, "")
        self._run = queries.run

    def __enter__(self):
        def counted(con, name, **params):
            out = self._run(con, name, **params)
            self.rows += len(out)
            self.largest = max(self.largest, (len(out), name))
            return out

        queries.run = counted
        return self

    def __exit__(self, *exc) -> None:
        queries.run = self._run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scope", help="kelurahan codes, comma-separated (default: no limit)")
    args = parser.parse_args()
    scope = tuple(args.scope.split(",")) if args.scope else None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "demo.duckdb"
        if not args.db:
            with db.atomic_build(path) as con:
                demo.build(con, scale=1)
        os.environ[db.DB_ENV] = str(path)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.session_state[auth.PRESET_KEY] = auth.Session.of(users.Account("bench", "kepala"), scope)
        with RowCounter() as counter:
            cold, page = page_seconds(at, args.runs)
        assert at.title and at.title[0].value != "Masuk ke Peta Kesos", "the page did not sign in"
        _, reference = page_seconds(AppTest.from_string(REFERENCE_APP), args.runs)
    print(f"overview page, cold (first run):        {cold * 1000:8.1f} ms")
    print(f"overview page, warm, median of {args.runs}: {page * 1000:8.1f} ms")
    print(f"reference page (one line of text):      {reference * 1000:8.1f} ms")
    print(f"ratio overview / reference:             {page / reference:8.1f}x   (budget: page under 2 s warm)")
    print(
        f"rows read into Python, all runs:        {counter.rows:8d}   (largest: {counter.largest[0]} of {counter.largest[1]})"
    )


if __name__ == "__main__":
    main()

"""Build time and size of the Kota Batam demo warehouse (warehouse.demo) at several scales.

    .venv/bin/python bench/bench_demo.py [--scales 1 10] [--keep DIR]

For each scale it builds the demo into a fresh file the way ``python -m warehouse demo`` does
(atomic build: one transaction, commit, checkpoint) and prints the wall time, the file size
and the rows written. Next to it, in the same run, a reference writes the same number of rows
of plain random numbers (DuckDB ``range()``, four columns) into a fresh file the same way:
the ratio of the two times is what to compare across machines and runs, since both suffer
alike from a slow disk or a busy CPU. Budget: scale 1 well under 30 s (aim about 10 s).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import queries  # noqa: E402
from warehouse import db, demo  # noqa: E402


def build_demo(path: Path, scale: int) -> tuple[float, int]:
    """Seconds to build the demo at ``scale`` into ``path`` and the rows written."""
    start = time.perf_counter()
    with db.atomic_build(path) as con:
        counts = demo.build(con, scale=scale)
    return time.perf_counter() - start, sum(counts.values())


def build_reference(path: Path, rows: int) -> float:
    """Seconds to write ``rows`` rows of random numbers into ``path`` in one transaction."""
    start = time.perf_counter()
    with db.atomic_build(path) as con:
        con.execute(queries.load("demo/bench_reference"), {"rows": rows})
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--keep", help="directory to keep the built files in (default: a temporary one)")
    args = parser.parse_args()

    print(f"{'scale':>5} {'rows':>12} {'build s':>9} {'size MB':>9} {'reference s':>12} {'ratio':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for scale in args.scales:
            path = folder / f"demo_scale{scale}.duckdb"
            seconds, rows = build_demo(path, scale)
            size_mb = path.stat().st_size / 1e6
            reference_path = folder / f"reference_scale{scale}.duckdb"
            reference = build_reference(reference_path, rows)
            reference_path.unlink()
            print(
                f"{scale:>5} {rows:>12,} {seconds:>9.1f} {size_mb:>9.1f} {reference:>12.2f} {seconds / reference:>6.1f}x",
                flush=True,
            )
            if not args.keep:
                path.unlink()


if __name__ == "__main__":
    main()

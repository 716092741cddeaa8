"""Command line: ``python -m warehouse <command>``.

Commands:
  demo      build the synthetic Kota Batam demo warehouse (replaces the file atomically)
"""

from __future__ import annotations

import argparse
import sys
import time

from warehouse import db
from warehouse.progress import Bar


def _cmd_demo(args: argparse.Namespace) -> int:
    from warehouse import demo

    path = db.db_path(args.db)
    if args.if_missing and path.exists():
        print(f"{path} exists; nothing to build.")
        return 0
    started = time.perf_counter()
    with db.atomic_build(path) as con:
        counts = demo.build(con, scale=args.scale, seed=args.seed, progress=Bar())
    seconds = time.perf_counter() - started
    size_mb = path.stat().st_size / 1e6
    print(f"Demo warehouse (Kota Batam, scale {args.scale}, seed {args.seed}) written to {path}")
    print(f"  {seconds:.1f} s, {size_mb:.1f} MB")
    for table, n in counts.items():
        print(f"  {table:<20} {n:>12,} rows")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m warehouse", description="Peta Kesos warehouse")
    sub = parser.add_subparsers(dest="command", required=True)

    demo_p = sub.add_parser("demo", help="build the synthetic Kota Batam demo warehouse")
    demo_p.add_argument("--scale", type=int, default=1, help="multiplies households, cases and distributions (default 1)")
    demo_p.add_argument("--seed", type=int, default=2171, help="random seed; same seed, same data (default 2171)")
    demo_p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV} or {db.DEFAULT_DB.relative_to(db.ROOT)})")
    demo_p.add_argument("--if-missing", action="store_true", help="do nothing when the file exists")
    demo_p.set_defaults(func=_cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "scale", 1) < 1:
        print("--scale must be 1 or more", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("\nInterrupted; the warehouse file was left as it was.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

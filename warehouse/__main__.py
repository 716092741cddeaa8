"""Command line: ``python -m warehouse <command>``.

Commands:
  demo            build the synthetic Kota Batam demo warehouse (replaces the file atomically);
                  --national: a synthetic country around it
  export KIND     write a table for people to use (each kind is a module of EXPORT_MODULES)
  import KIND     load an official or agency file (the kinds come from IMPORT_MODULES)
  users ...       dashboard accounts: add, list, disable, passwd, demo-accounts (warehouse.users)
  refresh         create missing tables, rebuild every analytics table (warehouse.imports.refresh)
"""

from __future__ import annotations

import argparse
import importlib
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
        if args.national:
            counts = demo.build_national(
                con, units=args.units, households=args.households, seed=args.seed, progress=Bar()
            )
        else:
            counts = demo.build(con, scale=args.scale, seed=args.seed, progress=Bar())
    seconds = time.perf_counter() - started
    size_mb = path.stat().st_size / 1e6
    what = (
        f"synthetic country, {args.units:,} units, {args.households:,} households"
        if args.national
        else f"Kota Batam, scale {args.scale}"
    )
    print(f"Demo warehouse ({what}, seed {args.seed}) written to {path}")
    print(f"  {seconds:.1f} s, {size_mb:.1f} MB")
    for table, n in counts.items():
        print(f"  {table:<20} {n:>12,} rows")
    return 0


# Each module defines ``add_parser(subparsers)``, which adds ``export <kind>`` with its
# options and sets ``func``; keeping them apart lets each export live next to its own code.
EXPORT_MODULES: tuple[str, ...] = (
    "reports.coverage",
    "reports.six_t",
    "reports.allocation",
    "reports.hotspots",
    "reports.brief",
    "reports.usulan",
    "reports.graduasi",
    "reports.pendataan",
    "reports.eksklusi",
)
# The same for ``import <kind>``; warehouse.imports.boundaries adds ``boundaries`` and ``wilayah``.
IMPORT_MODULES: tuple[str, ...] = ("warehouse.imports.boundaries", "warehouse.imports.agency")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m warehouse", description="Peta Kesos warehouse")
    sub = parser.add_subparsers(dest="command", required=True)

    demo_p = sub.add_parser("demo", help="build the synthetic Kota Batam demo warehouse")
    demo_p.add_argument(
        "--scale", type=int, default=1, help="multiplies households, cases and distributions (default 1)"
    )
    demo_p.add_argument(
        "--national",
        action="store_true",
        help="a synthetic country (38 provinces, about 514 kab/kota) with the Batam demo inside it",
    )
    demo_p.add_argument(
        "--units", type=int, default=83_000, help="with --national: desa/kelurahan of the country (default 83,000)"
    )
    demo_p.add_argument(
        "--households", type=int, default=1_000_000, help="with --national: DTKS households (default 1,000,000)"
    )
    demo_p.add_argument("--seed", type=int, default=2171, help="random seed; same seed, same data (default 2171)")
    demo_p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV} or {db.DEFAULT_DB.relative_to(db.ROOT)})")
    demo_p.add_argument("--if-missing", action="store_true", help="do nothing when the file exists")
    demo_p.set_defaults(func=_cmd_demo)

    if EXPORT_MODULES:
        export_p = sub.add_parser("export", help="write a table (CSV/Excel) for people to use")
        kinds = export_p.add_subparsers(dest="kind", required=True)
        for name in EXPORT_MODULES:
            importlib.import_module(name).add_parser(kinds)

    import_p = sub.add_parser("import", help="load a file into the warehouse (one transaction)")
    import_kinds = import_p.add_subparsers(dest="kind", required=True)
    for name in IMPORT_MODULES:
        importlib.import_module(name).add_parser(import_kinds)
    importlib.import_module("warehouse.users").add_parser(sub)
    importlib.import_module("warehouse.imports.refresh").add_parser(sub)
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

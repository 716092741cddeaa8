"""What every write derives from the rows it changed: the SQL analytics tables
(:func:`warehouse.db.refresh_analytics`), then the dwellings judged against the polygons
(:func:`warehouse.imports.dwellings.refresh_outside`); and ``python -m warehouse refresh``, which
derives them all again in a warehouse written by an earlier version (a new analytics table is
missing there until its next import)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable

import duckdb

from warehouse import db
from warehouse.imports import dwellings


def refresh_derived(
    con: duckdb.DuckDBPyConnection,
    kelurahan: Iterable[str | None] | None = None,
    after_each: Callable[[str], None] | None = None,
) -> None:
    """Refresh the analytics tables of ``kelurahan`` (None: all, as
    :func:`warehouse.db.refresh_analytics` decides), then judge the dwellings of what it
    refreshed; on ``con`` inside the write's open transaction."""
    dwellings.refresh_outside(con, db.refresh_analytics(con, kelurahan=kelurahan, after_each=after_each))


def add_parser(sub) -> None:
    p = sub.add_parser(
        "refresh",
        help="create missing tables and rebuild every analytics table (a warehouse of an earlier version)",
    )
    p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV} or {db.DEFAULT_DB.relative_to(db.ROOT)})")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path = db.db_path(args.db)
    if not path.exists():
        print(f"{path}: no such warehouse", file=sys.stderr)
        return 2
    started = time.perf_counter()
    with db.atomic_update(path) as con:
        con.begin()
        try:
            db.create_schema(con)
            refresh_derived(con)
        except BaseException:
            con.rollback()
            raise
        con.commit()
    print(f"{path}: every analytics table rebuilt in {time.perf_counter() - started:.1f} s")
    return 0

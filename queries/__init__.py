"""SQL files, one statement per file, named after their result.

Values are always bound as ``$name`` parameters; the files themselves are never formatted.
"""

from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

QUERY_DIR = Path(__file__).resolve().parent
SCHEMA_DIR = QUERY_DIR / "schema"
ANALYTICS_DIR = QUERY_DIR / "analytics"


@cache
def load(name: str) -> str:
    """Return the text of ``queries/<name>.sql``."""
    path = QUERY_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query named {name!r} in {QUERY_DIR}")
    return path.read_text(encoding="utf-8")


def names() -> list[str]:
    """All query names (schema excluded), sorted."""
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))


def schema_statements() -> list[tuple[str, str]]:
    """(file name, statement) for every schema file, in file-name order."""
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SCHEMA_DIR.glob("*.sql"))]


def analytics_statements() -> list[tuple[str, str]]:
    """(file name, statement) for every analytics-table file, in file-name order.

    Each file rebuilds one small table that the pages read instead of the large ones
    (``create or replace table ... as ...``); later files may read earlier ones.
    """
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(ANALYTICS_DIR.glob("*.sql"))]


def run(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run query ``name`` with bound parameters on a fresh cursor of ``con``."""
    cur = con.cursor()
    try:
        return cur.execute(load(name), params).df()
    finally:
        cur.close()


def run_arrow(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """:func:`run` through Arrow, for results of many rows with text columns: the text comes over
    as pandas' Arrow-backed strings, without the Python object per value that :func:`run`'s
    conversion makes (a third of the CPU, or less, for 750,000 rows of two text columns). Unlike
    :func:`run`, DATE columns come as ``datetime.date`` objects: use it for results without dates."""
    cur = con.cursor()
    try:
        return cur.sql(load(name), params=params).to_arrow_table().to_pandas()
    finally:
        cur.close()

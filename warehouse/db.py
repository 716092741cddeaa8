"""The DuckDB file: where it lives, how to open it, its schema, and atomic builds."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import duckdb

import queries

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "peta_kesos.duckdb"
DB_ENV = "PETA_KESOS_DB"


def db_path(override: str | os.PathLike | None = None) -> Path:
    """The warehouse file: ``override``, else ``$PETA_KESOS_DB``, else ``data/peta_kesos.duckdb``."""
    if override:
        return Path(override)
    env = os.environ.get(DB_ENV)
    return Path(env) if env else DEFAULT_DB


def connect(path: str | os.PathLike | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse. Read-only opening of a missing file raises FileNotFoundError."""
    p = db_path(path)
    if read_only and not p.exists():
        raise FileNotFoundError(p)
    p.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(p), read_only=read_only)


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table of ``queries/schema`` that does not exist yet."""
    for name, statement in queries.schema_statements():
        try:
            con.execute(statement)
        except duckdb.Error as exc:
            raise RuntimeError(f"schema file {name}: {exc}") from exc


@contextlib.contextmanager
def atomic_build(path: str | os.PathLike | None = None):
    """Build a new warehouse file in a temporary file and move it into place only on success.

    Yields a connection inside an open transaction on the temporary file. Whatever happens
    before the ``with`` block ends cleanly (an exception, Ctrl-C), the target file is untouched
    and the temporary one removed, so no half-built warehouse is ever left at ``path``.
    """
    target = db_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.building-{os.getpid()}")
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        con.execute("begin transaction")
        create_schema(con)
        yield con
        con.execute("commit")
        con.execute("checkpoint")
        con.close()
        # A write-ahead log left by the previous file would be replayed onto the new one.
        target.with_name(target.name + ".wal").unlink(missing_ok=True)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(Exception):
            con.close()
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
        raise

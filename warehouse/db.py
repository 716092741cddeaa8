"""The DuckDB file: where it lives, how to open it, its schema, and atomic builds."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
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
        con.begin()
        create_schema(con)
        yield con
        con.commit()
        con.checkpoint()
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


_UPDATING = ".updating-"


class Unchanged(Exception):
    """Raise inside :func:`atomic_update` to end it without changing the warehouse."""


@contextlib.contextmanager
def atomic_update(path: str | os.PathLike | None = None):
    """Change the warehouse on a copy and move the copy into place only on success.

    DuckDB lets no writer open a file another process (the dashboard) holds open, and a
    writer killed midway must not leave a half-changed warehouse. So the file is copied to a
    temporary file beside it, the block gets a read-write connection to the copy (not inside a
    transaction: the importers run their own), and when the block ends cleanly the copy is
    checkpointed, closed and renamed onto the target in one ``os.replace``. The dashboard's
    open connection keeps reading the old file; its cache is keyed by the file's mtime, so its
    next rerun opens the new one.

    On an exception the target is untouched and the copy removed; after a kill (SIGKILL,
    power loss) the copy is left behind and removed by the next update. A lock file makes a
    second concurrent update fail at once (RuntimeError) instead of losing the first one's
    changes. Raising :class:`Unchanged` in the block (a dry run, a file imported before) throws
    the copy away and leaves the target as it was, mtime included. A missing target starts
    as an empty warehouse.
    """
    target = db_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = open(target.with_name(f".{target.name}.lock"), "w")
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RuntimeError(f"{target}: another import is changing this warehouse; try again when it ends") from None
        # Holding the lock, every copy left beside the target belongs to a killed update.
        for leftover in target.parent.glob(f".{target.name}{_UPDATING}*"):
            leftover.unlink(missing_ok=True)
        tmp = target.with_name(f".{target.name}{_UPDATING}{os.getpid()}")
        tmp_wal = tmp.with_name(tmp.name + ".wal")
        if target.exists():
            shutil.copyfile(target, tmp)
            wal = target.with_name(target.name + ".wal")
            if wal.exists():
                shutil.copyfile(wal, tmp_wal)
        con = duckdb.connect(str(tmp))
        try:
            yield con
            con.checkpoint()
            con.close()
            target.with_name(target.name + ".wal").unlink(missing_ok=True)
            os.replace(tmp, target)
        except Unchanged:
            pass
        finally:
            with contextlib.suppress(Exception):
                con.close()
            tmp.unlink(missing_ok=True)
            tmp_wal.unlink(missing_ok=True)
    finally:
        lock.close()

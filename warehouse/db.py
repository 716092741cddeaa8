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
_UPDATING = ".updating-"


def db_path(override: str | os.PathLike | None = None) -> Path:
    """The warehouse file: ``override``, else ``$PETA_KESOS_DB``, else ``data/peta_kesos.duckdb``."""
    if override:
        return Path(override)
    env = os.environ.get(DB_ENV)
    return Path(env) if env else DEFAULT_DB


def connect(path: str | os.PathLike | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse. Read-only opening of a missing file raises FileNotFoundError.

    Copies a killed build or import left beside the file (full copies of personal data) are
    removed first (:func:`remove_stale_copies`), so they last no longer than the next start.
    """
    p = db_path(path)
    if read_only and not p.exists():
        raise FileNotFoundError(p)
    p.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_copies(p)
    return duckdb.connect(str(p), read_only=read_only)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs (on this machine)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_copies(path: str | os.PathLike | None = None) -> list[Path]:
    """Remove the copies (and their write-ahead logs and spill folders) that killed imports
    (``.NAME.updating-PID*``, when no import holds the lock) and killed builds
    (``.NAME.building-PID*``, when that process is gone) left beside the warehouse file.
    Returns what was removed."""
    target = db_path(path)
    removed: list[Path] = []
    if not target.parent.is_dir():
        return removed
    for leftover in target.parent.glob(f".{target.name}.building-*"):
        pid = leftover.name.removeprefix(f".{target.name}.building-").split(".")[0]
        if pid.isdigit() and not pid_alive(int(pid)):
            _remove(leftover)
            removed.append(leftover)
    updating = list(target.parent.glob(f".{target.name}{_UPDATING}*"))
    if not updating:
        return removed
    try:
        lock = open(target.with_name(f".{target.name}.lock"), "w")
    except OSError:
        return removed  # a folder the dashboard may not write to holds no import of its own
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return removed  # an import is running: its copy is in use
        for leftover in updating:
            _remove(leftover)
            removed.append(leftover)
    return removed


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table of ``queries/schema`` that does not exist yet."""
    for name, statement in queries.schema_statements():
        try:
            con.execute(statement)
        except duckdb.Error as exc:
            raise RuntimeError(f"schema file {name}: {exc}") from exc


def refresh_analytics(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild every analytics table of ``queries/analytics`` from the tables they summarise.

    Called by every write (the demo build, each import) inside its own transaction, so the
    pages never see analytics tables that disagree with the rows they were built from.
    """
    for name, statement in queries.analytics_statements():
        try:
            con.execute(statement)
        except duckdb.Error as exc:
            raise RuntimeError(f"analytics file {name}: {exc}") from exc


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
    power loss) the copy is left behind and removed by the next update or the next
    :func:`connect` (the dashboard's start). A lock file makes a
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
            _remove(leftover)
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

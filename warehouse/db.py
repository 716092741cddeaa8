"""The DuckDB file: where it lives, how to open it, its schema, atomic builds and the write protocol."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable
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


WRITE_WAIT_S = 30.0
"""How long a writer waits for another writer to end and for the readers to let the file go."""
READ_WAIT_S = 60.0
"""How long a reader waits for a write to end before it gives up with a clear message."""
_POLL_S = 0.05


class WarehouseBusy(RuntimeError):
    """The warehouse stayed held by another process for longer than the caller would wait."""


def _lock_file(target: Path) -> Path:
    return target.with_name(f".{target.name}.lock")


def write_pending(path: str | os.PathLike | None = None) -> bool:
    """Whether a writer holds the warehouse's write lock (it writes, or waits for the readers
    to let the file go). Readers probe this before they open the file and let it go when it
    is true; a lock taken with ``flock`` dies with its process, so a killed writer leaves no
    stale marker."""
    try:
        fd = os.open(_lock_file(db_path(path)), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing releases the shared lock the probe took
    return False


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    """Another process holds the file (DuckDB's file lock), or this process holds it in the
    other mode (DuckDB keeps one instance per file and process: the dashboard importing)."""
    text = str(exc)
    return "Could not set lock" in text or "different configuration" in text


def connect(
    path: str | os.PathLike | None = None, read_only: bool = False, wait: float = READ_WAIT_S
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse. Read-only opening of a missing file raises FileNotFoundError.

    A read-only opening waits (up to ``wait`` seconds, then :class:`WarehouseBusy`) while a
    write is pending or running (:func:`write_pending`, or DuckDB's own file lock held by the
    writer), so that readers never see a half-written state and never starve a writer.
    Copies a killed build left beside the file (full copies of personal data) are removed
    first (:func:`remove_stale_copies`), so they last no longer than the next start.
    """
    p = db_path(path)
    if read_only and not p.exists():
        raise FileNotFoundError(p)
    p.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_copies(p)
    if not read_only:
        return duckdb.connect(str(p))
    deadline = time.monotonic() + wait
    while True:
        if not write_pending(p):
            try:
                return duckdb.connect(str(p), read_only=True)
            except (duckdb.IOException, duckdb.ConnectionException) as exc:
                if not _is_lock_conflict(exc):
                    raise
        if time.monotonic() > deadline:
            raise WarehouseBusy(f"{p}: the warehouse is being updated; try again in a moment")
        time.sleep(_POLL_S)


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
    """Remove what killed builds (``.NAME.building-PID*``) and the whole-file copies of killed
    imports of earlier versions (``.NAME.updating-PID*``) left beside the warehouse file, when
    that process is gone. Returns what was removed."""
    target = db_path(path)
    removed: list[Path] = []
    if not target.parent.is_dir():
        return removed
    for kind in ("building", "updating"):
        for leftover in target.parent.glob(f".{target.name}.{kind}-*"):
            pid = leftover.name.removeprefix(f".{target.name}.{kind}-").split(".")[0]
            if pid.isdigit() and not pid_alive(int(pid)):
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


INCREMENTAL = re.compile(r"\bmacro (\w+)_rows\(p_kelurahan := null\) as table\b")
"""What an incremental analytics file holds: the macro ``<table>_rows(p_kelurahan := null)`` of
its table's rows (``queries/refresh/rows_build.sql`` builds the whole table from it)."""


CHUNK_HOUSEHOLDS = 1_000_000
"""The households of a chunk of a full refresh (:func:`refresh_analytics`): a country's
quality_finding over 30.8 M households and 100 M members ran out of DuckDB's 5.5 GB in one
statement; a kota, a kabupaten or the scale-10 demo (800,000) is one chunk."""


def refresh_analytics(
    con: duckdb.DuckDBPyConnection,
    kelurahan: Iterable[str | None] | None = None,
    after_each: Callable[[str], None] | None = None,
    chunk_households: int = CHUNK_HOUSEHOLDS,
) -> list[str] | None:
    """Rebuild the analytics tables of ``queries/analytics`` from the tables they summarise.

    Called by every write (the demo build, each import) inside its own transaction, so the
    pages never see analytics tables that disagree with the rows they were built from.

    ``kelurahan`` (None: all) lists the desa/kelurahan codes whose rows the write may have
    changed (an import lists old and new values, and those its rows reach across kelurahan,
    ``queries/import/<kind>_touched.sql``; None stands for rows without a kelurahan). Then an
    incremental file (the macro :data:`INCREMENTAL` finds) replaces only the rows of those
    kelurahan, from its macro, while its basis (``queries/refresh/basis.sql``: SQL text, data
    date, programmes and tahap; the tahap paid in the kab/kota of those kelurahan,
    :func:`_incremental_codes`) is the one the tables were last built on; any other file, and
    every file when the basis changed, is run whole. The table names put into the
    statements of ``queries/refresh/rows_*.sql`` come from the files, never from the caller.

    A full refresh of a warehouse of more than ``chunk_households`` households builds each
    incremental table chunk by chunk of kelurahan (:func:`_chunks`), from the same macro an
    import's kelurahan are written with, so that a statement's memory follows the chunk and
    not the warehouse: the rows are those of one whole build.

    ``after_each(name)``, when given, runs after each file (its name): the national build
    commits and checkpoints there, so that no file of a country's refresh runs beside the
    uncommitted tables of the earlier ones (its atomicity comes from :func:`atomic_build`'s
    rename instead).

    Returns the kelurahan codes refreshed, or None when the refresh was full: the write side's
    own step after it (``warehouse.imports.dwellings``) follows the same choice.
    """
    files = queries.analytics_statements()
    incremental = {name: INCREMENTAL.search(statement) for name, statement in files}
    basis = _analytics_basis(con) if any(incremental.values()) else None
    codes = _incremental_codes(con, kelurahan, basis)
    chunks = _chunks(con, chunk_households) if basis is not None and codes is None else []
    for name, statement in files:
        found = incremental[name]
        try:
            con.execute(statement)
            if found is not None and codes is None and len(chunks) > 1:
                table = found.group(1)
                con.execute(
                    queries.load("refresh/rows_build_chunk").replace("{table}", table), {"kelurahan": chunks[0]}
                )
                for chunk in chunks[1:]:
                    con.execute(queries.load("refresh/rows_insert").replace("{table}", table), {"kelurahan": chunk})
            elif found is not None and codes is None:
                con.execute(queries.load("refresh/rows_build").replace("{table}", found.group(1)))
            elif found is not None and codes:
                for part in ("refresh/rows_delete", "refresh/rows_insert"):
                    con.execute(queries.load(part).replace("{table}", found.group(1)), {"kelurahan": codes})
        except duckdb.Error as exc:
            raise RuntimeError(f"analytics file {name}: {exc}") from exc
        if after_each is not None:
            after_each(name)
    if basis is not None and codes is None:
        con.execute(queries.load("refresh/basis_store"), {"basis": basis})
    return codes


def _chunks(con: duckdb.DuckDBPyConnection, chunk_households: int) -> list[list[str]]:
    """Every kelurahan code of the warehouse (``queries/refresh/chunk_codes.sql``, '' for the
    rows without one), in code order, cut into runs of at most ``chunk_households`` households
    (a kelurahan with more is a run of its own)."""
    chunks: list[list[str]] = [[]]
    held = 0
    for code, households in con.execute(queries.load("refresh/chunk_codes")).fetchall():
        if chunks[-1] and held + households > chunk_households:
            chunks.append([])
            held = 0
        chunks[-1].append(code)
        held += households
    return chunks


def _incremental_codes(
    con: duckdb.DuckDBPyConnection, kelurahan: Iterable[str | None] | None, basis: str | None
) -> list[str] | None:
    """The kelurahan codes an incremental refresh replaces ('' for None), or None for a full one:
    no list, no incremental file, or a basis other than the stored one, in the SQL, dates,
    programmes and tahap (``queries/refresh/basis.sql``) or in the tahap paid in a kab/kota of
    the list (``queries/refresh/tahap_paid_changed.sql``: only those kab/kota's distributions
    are read, so that an import's cost follows the kelurahan it touches, not the warehouse)."""
    if kelurahan is None or basis is None or basis != _stored_basis(con):
        return None
    codes = sorted({code or "" for code in kelurahan})
    if con.execute(queries.load("refresh/tahap_paid_changed"), {"kelurahan": codes}).fetchone()[0]:
        return None
    return codes


def _analytics_basis(con: duckdb.DuckDBPyConnection) -> str:
    """The current basis of the incremental analytics tables (``queries/refresh/basis.sql``), over
    the text of the analytics and schema files they are built with."""
    text = hashlib.md5()
    for name, statement in [*queries.schema_statements(), *queries.analytics_statements()]:
        text.update(f"{name}\0{statement}\0".encode())
    return con.execute(queries.load("refresh/basis"), {"analytics_files": text.hexdigest()}).fetchone()[0]


def _stored_basis(con: duckdb.DuckDBPyConnection) -> str | None:
    """The basis the analytics tables were last built on (None: never recorded)."""
    if not con.execute(queries.load("refresh/basis_recorded")).fetchone()[0]:
        return None
    return con.execute(queries.load("refresh/basis_stored")).fetchone()[0]


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
def atomic_update(path: str | os.PathLike | None = None, wait: float = WRITE_WAIT_S):
    """Change the warehouse in place, with DuckDB's own transaction for the atomicity.

    The protocol with the readers (the dashboard's processes, which open the file read-only
    only while their queries run, see ``ui/data.py``):

    1. Take the write lock (``flock`` on ``.NAME.lock``): one writer at a time. From this
       moment :func:`write_pending` is true, and readers open no new connection.
    2. Open the file read-write, retrying while readers finish the queries they run (DuckDB
       lets no writer in while another process holds the file). Both waits are bounded by
       ``wait`` seconds; then :class:`WarehouseBusy` says who holds the file.
    3. The block gets the connection, not inside a transaction: each writer (the importers,
       the account changes) runs its one ``begin ... commit`` and rolls back on an error. A
       process killed before its commit leaves the warehouse as it was: DuckDB replays only
       committed transactions from its write-ahead log.
    4. On a clean end the file is checkpointed (the write-ahead log folded in, so the file's
       modification time, the readers' cache key, changes) and closed, and the lock is released.

    Raising :class:`Unchanged` in the block (a dry run, a file imported before) ends it
    without a checkpoint; a block that committed nothing leaves the file, mtime included, as
    it was. A missing target starts as an empty warehouse.
    """
    target = db_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    lock = open(_lock_file(target), "w")
    try:
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                # Readers probe the lock for an instant; another writer holds it for its whole write.
                if time.monotonic() > deadline:
                    raise WarehouseBusy(
                        f"{target}: another import is changing this warehouse; try again when it ends"
                    ) from None
                time.sleep(_POLL_S)
        remove_stale_copies(target)
        while True:
            try:
                con = duckdb.connect(str(target))
                break
            except (duckdb.IOException, duckdb.ConnectionException) as exc:
                if not _is_lock_conflict(exc):
                    raise
                if time.monotonic() > deadline:
                    raise WarehouseBusy(
                        f"{target}: another process still holds the warehouse open after {wait:.0f} s "
                        "(a long query of the dashboard, or a program opened it); try again"
                    ) from None
                time.sleep(_POLL_S)
        try:
            yield con
            con.checkpoint()
        except Unchanged:
            pass
        finally:
            with contextlib.suppress(Exception):
                con.close()
    finally:
        lock.close()

"""Cached access to the warehouse: one read-only connection per process, cached query results.

The file's version (:func:`_version`) is part of every cache key, so a rebuilt or re-imported
warehouse is picked up at the next rerun without restarting the app; the connection is let go
whenever a writer asks for the file (:class:`_Reader`, ``warehouse.db.atomic_update``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import pickle
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

import queries
from reports import files
from ui.i18n import current_language
from warehouse import db


def warehouse_file() -> Path:
    """The warehouse file this process serves."""
    return db.db_path()


def _version(path: Path) -> tuple[int, int, int]:
    """The warehouse file's version, the key of every cached result: (mtime, size) of the file
    and the mtime of its write-ahead log. A write ends with a checkpoint, which changes the
    file; a writer killed after its commit but before the checkpoint leaves a log that DuckDB
    replays on the next opening, and that log changes the key too."""
    stat = path.stat()
    wal = path.with_name(path.name + ".wal")
    return stat.st_mtime_ns, stat.st_size, wal.stat().st_mtime_ns if wal.exists() else 0


class _Reader:
    """This process's read-only connection to one warehouse file, shared by the threads (a
    cursor per query) and let go whenever a writer wants the file.

    DuckDB lets no process write a file another one holds open, so the connection is held
    only while it serves: a query started while a write is pending (``db.write_pending``:
    the writer holds the write lock) or after the file changed waits until the queries in
    flight end, then the connection is closed and a new one opened (``db.connect`` waits,
    bounded, for the write to end). An idle connection is closed by a watcher thread within
    a fraction of a second of a writer's request, so an idle dashboard never blocks an
    import, and after :attr:`_IDLE_S` seconds without a query, so that a warehouse nobody
    reads holds neither DuckDB's memory nor a watcher waking ten times a second (a process
    that has read many files, as a test worker does, kept one per file). Opening again costs
    about 40 ms, once. Results already cached keep being served throughout; the next rerun
    after the write has a new :func:`_version` and reads the new data.
    """

    _POLL_S = 0.1
    _IDLE_S = 15.0

    def __init__(self, path: str):
        self.path = path
        self._cond = threading.Condition()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._opened: tuple[int, int, int] | None = None
        self._users = 0
        self._last_used = 0.0

    def _stale(self) -> bool:
        return db.write_pending(self.path) or _version(Path(self.path)) != self._opened

    def _close(self) -> None:
        self._con.close()
        self._con = self._opened = None
        self._cond.notify_all()

    @contextlib.contextmanager
    def cursor(self):
        """A cursor of the shared connection, for one query."""
        with self._cond:
            deadline = time.monotonic() + db.READ_WAIT_S
            while self._con is not None and self._stale():
                if self._users == 0:
                    self._close()
                elif not self._cond.wait(self._POLL_S) and time.monotonic() > deadline:
                    raise db.WarehouseBusy(f"{self.path}: the warehouse is being updated; try again in a moment")
            if self._con is None:
                version = _version(Path(self.path))
                self._con = db.connect(self.path, read_only=True)
                # The version seen before opening: a write in between only makes the next query reopen.
                self._opened = version
                threading.Thread(target=self._watch, args=(self._con,), daemon=True).start()
            self._users += 1
            cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()
            with self._cond:
                self._users -= 1
                self._last_used = time.monotonic()
                self._cond.notify_all()

    def _watch(self, con: duckdb.DuckDBPyConnection) -> None:
        while True:
            time.sleep(self._POLL_S)
            with self._cond:
                if self._con is not con:
                    return
                idle = time.monotonic() - self._last_used > self._IDLE_S
                if self._users == 0 and (idle or db.write_pending(self.path)):
                    self._close()
                    return


_readers: dict[str, _Reader] = {}
_readers_lock = threading.Lock()


def _reader(path: str) -> _Reader:
    with _readers_lock:
        return _readers.setdefault(path, _Reader(path))


def frame_digest(frame: pd.DataFrame | pd.Series) -> bytes:
    """A frame's part of a cache key: the digest of its pickle, which holds its values, dtypes,
    index, columns (and a GeoDataFrame's geometries as WKB, and its CRS).

    Streamlit's own key for a frame, pandas' ``hash_pandas_object`` of every cell, took about
    17 ms for a 145-row table of the PMKS page (a third of a warm page run went to keying the
    cached calls); its pickle takes under 1 ms. Equal keys need equal pickles, so a key never
    matches another frame; a frame read from a cache is an unpickled copy of the cached bytes
    and pickles to the same bytes again, and two equal frames that pickle apart only miss."""
    return hashlib.blake2b(pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL), digest_size=32).digest()


HASH_FUNCS = {
    pd.DataFrame: frame_digest,
    pd.Series: frame_digest,
    # By name: geopandas is not imported for this.
    "geopandas.geodataframe.GeoDataFrame": frame_digest,
    "geopandas.geoseries.GeoSeries": frame_digest,
}
"""The ``hash_funcs`` of every cache of the app's frames (:func:`cached`, :func:`per_language`,
``ui.tables``): frames keyed by :func:`frame_digest`."""


def cached(fn=None, *, max_entries: int = 64, resource: bool = False):
    """Cache ``fn(con, *args, **kwargs)``, a function of a read-only warehouse connection,
    until the warehouse file changes; the wrapped function takes ``*args, **kwargs`` only.

    ``resource=True`` keeps one shared object instead of a copy per call (for large frames
    that callers only read). Arguments must be hashable by Streamlit (values, frames (keyed by
    :func:`frame_digest`), frozen dataclasses).
    """
    if fn is None:
        return functools.partial(cached, max_entries=max_entries, resource=resource)

    def run(path: str, version: tuple[int, int, int], *args, **kwargs):
        with _reader(path).cursor() as con:
            return fn(con, *args, **kwargs)

    # Streamlit keys a cache by the function's module, name and source: name each after ``fn``
    # so that the functions wrapped here do not share one cache.
    run.__module__, run.__qualname__ = fn.__module__, f"{fn.__qualname__}[cached]"
    cache = st.cache_resource if resource else st.cache_data
    run = cache(show_spinner=False, max_entries=max_entries, hash_funcs=HASH_FUNCS)(run)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        path = warehouse_file()
        if not path.exists():
            raise FileNotFoundError(path)
        return run(str(path), _version(path), *args, **kwargs)

    return wrapper


def per_language(builder=None, *, resource: bool = False, max_entries: int = 64):
    """``builder``, what it builds kept across sessions: the same arguments (hashed as
    st.cache_data hashes them, frames by :func:`frame_digest`) in the session's language give the same
    result, built once (issue 14.4: the maps' tables, charts and texts are the same for
    everyone who sees the same figures). ``resource=True`` shares one object, which callers
    must not change, instead of a copy per call."""
    if builder is None:
        return functools.partial(per_language, resource=resource, max_entries=max_entries)

    def build(lang: str, *args, **kwargs):
        return builder(*args, **kwargs)

    # Streamlit keys a cache by the function's module, name and source: name each after
    # ``builder`` so that the builders wrapped here do not share one cache.
    build.__module__, build.__qualname__ = builder.__module__, f"{builder.__qualname__}[per_language]"
    cache = st.cache_resource if resource else st.cache_data
    build = cache(show_spinner=False, max_entries=max_entries, hash_funcs=HASH_FUNCS)(build)

    @functools.wraps(builder)
    def wrapper(*args, **kwargs):
        return build(current_language(), *args, **kwargs)

    return wrapper


@cached(max_entries=256)
def _run_query(con: duckdb.DuckDBPyConnection, name: str, params: tuple) -> pd.DataFrame:
    return queries.run(con, name, **dict(params))


def query(name: str, **params) -> pd.DataFrame:
    """Run ``queries/<name>.sql`` with bound parameters, cached until the warehouse changes."""
    return _run_query(name, tuple(sorted(params.items())))


def regions(scope_kelurahan: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Loaded kab/kota: kode, nama, jenis, units_count; with ``scope_kelurahan`` only those
    holding one of its kelurahan, and only those counted."""
    return query("regions", scope_kelurahan=scope_kelurahan)


def cycles() -> pd.DataFrame:
    """Verivali cycles, newest first."""
    return query("verivali_cycles")


def data_date() -> tuple[dt.date | None, bool]:
    """(the date the data is current to, whether the warehouse holds demo data)."""
    row = query("data_date").iloc[0]
    day = row["tanggal_data"]
    return (None if pd.isna(day) else pd.Timestamp(day).date()), bool(row["demo"])


boundaries = cached(files.boundaries, max_entries=16)

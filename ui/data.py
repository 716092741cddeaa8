"""Cached access to the warehouse: one read-only connection per process, cached query results.

The file's modification time is part of every cache key, so a rebuilt or re-imported
warehouse is picked up at the next rerun without restarting the app.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

import queries
from reports import files
from warehouse import db


def warehouse_file() -> Path:
    """The warehouse file this process serves."""
    return db.db_path()


def _version(path: Path) -> float:
    return path.stat().st_mtime


_open_connections: dict[str, duckdb.DuckDBPyConnection] = {}


@st.cache_resource(show_spinner=False)
def _connection(path: str, version: float) -> duckdb.DuckDBPyConnection:
    # DuckDB keeps one database instance per path in a process: while a connection to a
    # replaced warehouse file stays open, connect() returns that instance, i.e. the old file.
    old = _open_connections.pop(path, None)
    if old is not None:
        old.close()
    con = db.connect(path, read_only=True)
    _open_connections[path] = con
    return con


def cached(fn=None, *, max_entries: int = 64, resource: bool = False):
    """Cache ``fn(con, *args, **kwargs)``, a function of a read-only warehouse connection,
    until the warehouse file changes; the wrapped function takes ``*args, **kwargs`` only.

    ``resource=True`` keeps one shared object instead of a copy per call (for large frames
    that callers only read). Arguments must be hashable by Streamlit (values, frames, frozen
    dataclasses).
    """
    if fn is None:
        return functools.partial(cached, max_entries=max_entries, resource=resource)

    def run(path: str, version: float, *args, **kwargs):
        return fn(_connection(path, version), *args, **kwargs)

    # Streamlit keys a cache by the function's module, name and source: name each after ``fn``
    # so that the functions wrapped here do not share one cache.
    run.__module__, run.__qualname__ = fn.__module__, f"{fn.__qualname__}[cached]"
    cache = st.cache_resource if resource else st.cache_data
    run = cache(show_spinner=False, max_entries=max_entries)(run)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        path = warehouse_file()
        if not path.exists():
            raise FileNotFoundError(path)
        return run(str(path), _version(path), *args, **kwargs)

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

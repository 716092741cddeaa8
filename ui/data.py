"""Cached access to the warehouse: one read-only connection per process, cached query results.

The file's modification time is part of every cache key, so a rebuilt or re-imported
warehouse is picked up at the next rerun without restarting the app.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import geopandas as gpd
import pandas as pd
import shapely
import streamlit as st

import queries
from analytics import coverage
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


@st.cache_data(show_spinner=False, max_entries=256)
def _query(path: str, version: float, name: str, params: tuple) -> pd.DataFrame:
    return queries.run(_connection(path, version), name, **dict(params))


def query(name: str, **params) -> pd.DataFrame:
    """Run ``queries/<name>.sql`` with bound parameters, cached until the warehouse changes."""
    path = warehouse_file()
    if not path.exists():
        raise FileNotFoundError(path)
    return _query(str(path), _version(path), name, tuple(sorted(params.items())))


def regions() -> pd.DataFrame:
    """Loaded kab/kota: kode, nama, jenis, units_count."""
    return query("regions")


def cycles() -> pd.DataFrame:
    """Verivali cycles, newest first."""
    return query("verivali_cycles")


def data_date() -> tuple[dt.date | None, bool]:
    """(the date the data is current to, whether the warehouse holds demo data)."""
    row = query("data_date").iloc[0]
    day = row["tanggal_data"]
    return (None if pd.isna(day) else pd.Timestamp(day).date()), bool(row["demo"])


@st.cache_data(show_spinner=False, max_entries=16)
def _boundaries(path: str, version: float, kode_region: str) -> gpd.GeoDataFrame:
    df = queries.run(_connection(path, version), "kelurahan_boundaries", kode_region=kode_region)
    wkb = [None if g is None or g is pd.NA else bytes(g) for g in df.pop("geom_display")]
    geoms = shapely.from_wkb(wkb)
    # Five decimals are about a metre: enough for a kelurahan map, and a much smaller payload.
    geoms = shapely.set_precision(geoms, 1e-5)
    return gpd.GeoDataFrame(df, geometry=geoms, crs="EPSG:4326")


def boundaries(kode_region: str) -> gpd.GeoDataFrame:
    """Kelurahan/desa of a region with display geometry (EPSG:4326; empty where none)."""
    path = warehouse_file()
    return _boundaries(str(path), _version(path), kode_region)


def coverage_counts(kode_region: str, siklus: str, today: dt.date) -> pd.DataFrame:
    """Per-kelurahan inputs of analytics.coverage (the kelurahan rows of coverage_units.sql)."""
    rows = query("coverage_units", kode_region=kode_region, siklus=siklus, tanggal=today)
    return coverage.kelurahan_rows(rows)


def table_counts(kode_region: str) -> pd.Series:
    """Row counts of the main tables in a region."""
    return query("table_counts", kode_region=kode_region).iloc[0]

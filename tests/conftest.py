"""Fixtures shared by every test module."""

from __future__ import annotations

from pathlib import Path

import pytest

from warehouse import db, demo


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The scale-1 Kota Batam demo warehouse (seed 2171), built once per test session.

    Read it (``duckdb.connect(str(path), read_only=True)``), never write to it: every test
    of the session shares the file.
    """
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with db.atomic_build(path) as con:
        demo.build(con, scale=1, seed=2171)
    return path

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


@pytest.fixture(autouse=True)
def signed_in_apps(monkeypatch):
    """Every AppTest starts signed in as a test user with every permission (ui.auth.PRESET_KEY:
    a Session object in session state, which only the test process can put there). Tests of
    the login and the roles replace it (tests/test_auth_pages.py)."""
    from streamlit.testing.v1 import AppTest

    from domain import roles
    from ui import auth

    original = AppTest.from_file.__func__

    def from_file(cls, *args, **kwargs):
        at = original(cls, *args, **kwargs)
        at.session_state[auth.PRESET_KEY] = auth.Session("test", "test", frozenset(roles.PERMISSIONS))
        return at

    monkeypatch.setattr(AppTest, "from_file", classmethod(from_file))

"""Fixtures shared by every test module."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

import pytest

from warehouse import db, demo


@pytest.fixture(scope="session", autouse=True)
def pages_raise_their_errors():
    """A failing page raises in tests (ui.errors.run_safely would show a polite message, and
    AppTest would see no exception)."""
    from ui import errors

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(errors.RAISE_ENV, "raise")
        yield


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


@pytest.fixture(scope="session")
def demo_password() -> str:
    """The demo accounts' password in this test session (made afresh, never written down)."""
    return secrets.token_urlsafe(12)


@pytest.fixture(scope="session")
def demo_accounts_db(demo_db, demo_password, tmp_path_factory) -> Path:
    """A copy of the demo warehouse with one account per role (demo-admin, demo-kepala, ...),
    all with the password ``demo_password``; for the tests that sign in through a browser."""
    from warehouse import users

    path = tmp_path_factory.mktemp("accounts") / "demo.duckdb"
    shutil.copy(demo_db, path)
    with db.atomic_update(path) as con:
        users.demo_accounts(con, users.utcnow(), demo_password)
    return path


@pytest.fixture(scope="session", autouse=True)
def signed_in_apps():
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

    # Session-wide, so that module-scoped fixtures that make an AppTest are signed in too.
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(AppTest, "from_file", classmethod(from_file))
        yield

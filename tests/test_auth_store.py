"""The session store: sign-in throttling, idle timeout and lifetime on a controlled clock,
sign-out, and the signed cookie value (ui/auth.py)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from tests.seed import seed_db  # noqa: F401
from ui import auth
from warehouse import db, users

T0 = dt.datetime(2026, 3, 1, 8, 0, 0)
PASSWORD = "correct horse battery"
SETTINGS = users.AuthSettings()  # 5 failures lock for 15 minutes; 30 idle minutes end a session


def minutes(n: float) -> dt.timedelta:
    return dt.timedelta(minutes=n)


@pytest.fixture(scope="module")
def accounts_db(seed_db, tmp_path_factory):
    """The seed warehouse with the accounts root (admin) and ani (kepala), made once: hashing
    their passwords is most of a test's setup."""
    path = tmp_path_factory.mktemp("auth_store") / "w.duckdb"
    shutil.copy(seed_db, path)
    with db.atomic_update(path) as con:
        users.add_account(con, "root", "admin", PASSWORD, T0)
        users.add_account(con, "ani", "kepala", PASSWORD, T0)
    return path


@pytest.fixture
def wh(accounts_db, tmp_path):
    """A copy of :func:`accounts_db` for one test, with a session store of its own."""
    path = tmp_path / "w.duckdb"
    shutil.copy(accounts_db, path)
    return path


@pytest.fixture
def con(wh):
    c = db.connect(wh, read_only=True)
    yield c
    c.close()


@pytest.fixture
def store(wh):
    return users.SessionStore(users.store_path(wh))


def events(store) -> list[tuple]:
    frame = store.events().sort_values("waktu", kind="stable")
    return list(frame[["nama_pengguna", "peristiwa"]].itertuples(index=False, name=None))


def test_five_failures_in_a_row_lock_the_account_for_fifteen_minutes(con, store):
    for i in range(4):
        assert store.sign_in(users.account(con, "ani"), "wrong", T0 + minutes(i), SETTINGS).reason == "failed"
    fifth = store.sign_in(users.account(con, "ani"), "wrong", T0 + minutes(4), SETTINGS)
    assert (fifth.ok, fifth.reason) == (False, "locked")
    # Locked: the right password is refused too, until 15 minutes after the fifth failure.
    assert store.sign_in(users.account(con, "ani"), PASSWORD, T0 + minutes(4 + 14.9), SETTINGS).reason == "locked"
    assert store.sign_in(users.account(con, "ani"), PASSWORD, T0 + minutes(4 + 15), SETTINGS).ok
    # Other accounts are not affected by ani's lock.
    assert store.sign_in(users.account(con, "root"), PASSWORD, T0 + minutes(5), SETTINGS).ok
    assert [e for e in events(store) if e[0] == "ani"] == [("ani", "login_failed")] * 5 + [
        ("ani", "login_locked"),
        ("ani", "login_ok"),
    ]


def test_a_success_resets_the_count_and_after_a_lock_it_starts_afresh(con, store):
    for i in range(4):
        store.sign_in(users.account(con, "ani"), "wrong", T0 + minutes(i), SETTINGS)
    assert store.sign_in(users.account(con, "ani"), PASSWORD, T0 + minutes(5), SETTINGS).ok
    for i in range(4):
        assert store.sign_in(users.account(con, "ani"), "wrong", T0 + minutes(6 + i), SETTINGS).reason == "failed"
    assert store.sign_in(users.account(con, "ani"), "wrong", T0 + minutes(10), SETTINGS).reason == "locked"
    # The lock ended; one more failure is the first of a new row, not a new lock.
    assert store.sign_in(users.account(con, "ani"), "wrong", T0 + minutes(26), SETTINGS).reason == "failed"


def test_lock_settings_are_used(con, store):
    quick = users.AuthSettings(lock_after_failures=2, lock_minutes=1)
    store.sign_in(users.account(con, "ani"), "wrong", T0, quick)
    assert store.sign_in(users.account(con, "ani"), "wrong", T0, quick).reason == "locked"
    assert store.sign_in(users.account(con, "ani"), PASSWORD, T0 + minutes(1), quick).ok


def test_unknown_names_are_refused_alike_and_not_logged_by_name(con, store):
    outcome = store.sign_in(users.account(con, "mallory"), PASSWORD, T0, SETTINGS)
    assert (outcome.ok, outcome.reason, outcome.token) == (False, "failed", "")
    frame = store.events()
    assert frame[["nama_pengguna", "peristiwa", "rincian"]].values.tolist() == [
        ["-", "login_failed", '{"akun": "tidak_ada"}']
    ]


def test_a_session_survives_activity_and_ends_after_thirty_idle_minutes(con, store):
    token = store.sign_in(users.account(con, "ani"), PASSWORD, T0, SETTINGS).token
    assert store.session_user(token, T0 + minutes(29), SETTINGS) == ("ani", "ok")
    # Activity at minute 29 moved the idle limit to minute 59.
    assert store.session_user(token, T0 + minutes(59), SETTINGS) == ("ani", "ok")
    assert store.session_user(token, T0 + minutes(89.1), SETTINGS) == (None, "idle")
    assert store.session_user(token, T0 + minutes(89.2), SETTINGS) == (None, "none")
    assert events(store)[-1] == ("ani", "session_idle")


def test_no_session_outlives_its_lifetime(con, store):
    short = users.AuthSettings(session_hours=1)
    token = store.sign_in(users.account(con, "ani"), PASSWORD, T0, short).token
    for m in range(10, 61, 10):
        assert store.session_user(token, T0 + minutes(m), short) == ("ani", "ok")
    assert store.session_user(token, T0 + minutes(61), short) == (None, "expired")


def test_sign_out_ends_the_session(con, store):
    token = store.sign_in(users.account(con, "ani"), PASSWORD, T0, SETTINGS).token
    other = store.sign_in(users.account(con, "ani"), PASSWORD, T0, SETTINGS).token
    store.sign_out(token, T0 + minutes(1))
    assert store.session_user(token, T0 + minutes(2), SETTINGS) == (None, "none")
    assert store.session_user(other, T0 + minutes(2), SETTINGS) == ("ani", "ok")
    assert events(store)[-1] == ("ani", "logout")


def test_a_disabled_account_cannot_sign_in(wh, store):
    with db.atomic_update(wh) as c:
        users.disable_account(c, "ani", T0)
    with db.connect(wh, read_only=True) as c:
        assert store.sign_in(users.account(c, "ani"), PASSWORD, T0, SETTINGS).reason == "failed"


def test_the_store_keeps_no_token_and_one_secret(wh, con, store):
    token = store.sign_in(users.account(con, "ani"), PASSWORD, T0, SETTINGS).token
    assert token.encode() not in users.store_path(wh).read_bytes()
    secret = store.secret()
    assert len(secret) == 32
    assert users.SessionStore(users.store_path(wh)).secret() == secret


def test_the_cookie_value_is_signed():
    secret, other = b"k" * 32, b"j" * 32
    value = auth.sign("tok-en", secret)
    assert auth.unsign(value, secret) == "tok-en"
    assert auth.unsign(value, other) is None
    assert auth.unsign("tok-en." + value.rsplit(".", 1)[1][:-1] + "A", secret) is None
    assert auth.unsign("other" + value[6:], secret) is None
    assert auth.unsign(None, secret) is None
    assert auth.unsign("no-dot", secret) is None

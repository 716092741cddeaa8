"""The sign-in routes of ui/auth.py (mounted by serve.py), called as Starlette calls them."""

from __future__ import annotations

import asyncio
import shutil
from http.cookies import SimpleCookie

import pytest
from starlette.requests import Request

from tests.seed import seed_db  # noqa: F401
from ui import auth
from warehouse import db, users

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def admin_db(seed_db, tmp_path_factory):
    """The seed warehouse with the account root (admin), made once: hashing the password is
    most of a test's setup."""
    path = tmp_path_factory.mktemp("auth_routes") / "w.duckdb"
    shutil.copy(seed_db, path)
    with db.atomic_update(path) as con:
        users.add_account(con, "root", "admin", PASSWORD, users.utcnow())
    return path


@pytest.fixture
def wh(admin_db, tmp_path, monkeypatch):
    """A copy of :func:`admin_db` for one test, with a session store of its own."""
    path = tmp_path / "w.duckdb"
    shutil.copy(admin_db, path)
    monkeypatch.setenv("PETA_KESOS_DB", str(path))
    return path


def call(route, path: str, body: str = "", headers: dict | None = None, cookie: str | None = None):
    headers = {"host": "127.0.0.1:8501", "content-type": "application/x-www-form-urlencoded", **(headers or {})}
    if cookie:
        headers["cookie"] = f"{auth.COOKIE}={cookie}"
    scope = {
        "type": "http",
        "method": "POST",
        "path": path,
        "scheme": "http",
        "server": ("127.0.0.1", 8501),
        "query_string": b"",
        "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
    }

    async def receive():
        return {"type": "http.request", "body": body.encode(), "more_body": False}

    return asyncio.run(route(Request(scope, receive)))


def set_cookie(response) -> SimpleCookie:
    jar = SimpleCookie()
    jar.load(response.headers["set-cookie"])
    return jar


def test_a_good_sign_in_sets_a_signed_httponly_cookie(wh):
    response = call(auth.login_route, auth.LOGIN_PATH, f"nama=Root&sandi={PASSWORD}&next=/planner%3Fwilayah%3D99.71")
    assert (response.status_code, response.headers["location"]) == (303, "/planner?wilayah=99.71")
    morsel = set_cookie(response)[auth.COOKIE]
    assert morsel["httponly"] and morsel["samesite"].lower() == "lax" and morsel["path"] == "/"
    assert not morsel["secure"] and not morsel["max-age"], "plain HTTP; a browser-session cookie"
    store = users.SessionStore(users.store_path(wh))
    token = auth.unsign(morsel.value, store.secret())
    assert store.session_user(token, users.utcnow(), users.AuthSettings()) == ("root", "ok")


def test_behind_https_the_cookie_is_secure(wh):
    response = call(auth.login_route, auth.LOGIN_PATH, f"nama=root&sandi={PASSWORD}", {"x-forwarded-proto": "https"})
    assert set_cookie(response)[auth.COOKIE]["secure"]


def test_a_bad_sign_in_goes_back_with_the_flag_and_no_cookie(wh):
    response = call(auth.login_route, auth.LOGIN_PATH, "nama=root&sandi=nope&next=/six_t")
    assert (response.status_code, response.headers["location"]) == (303, "/six_t?masuk=gagal")
    assert "set-cookie" not in response.headers


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "planner", ""])
def test_after_sign_in_only_paths_of_this_server(wh, target):
    response = call(auth.login_route, auth.LOGIN_PATH, f"nama=root&sandi={PASSWORD}&next={target}")
    assert response.headers["location"] == "/"


def test_a_form_from_another_site_is_refused(wh):
    response = call(auth.login_route, auth.LOGIN_PATH, f"nama=root&sandi={PASSWORD}", {"origin": "http://evil.example"})
    assert response.status_code == 403 and "set-cookie" not in response.headers
    response = call(auth.logout_route, auth.LOGOUT_PATH, headers={"origin": "http://evil.example"})
    assert response.status_code == 403


def test_sign_out_ends_the_session_and_clears_the_cookie(wh):
    value = set_cookie(call(auth.login_route, auth.LOGIN_PATH, f"nama=root&sandi={PASSWORD}"))[auth.COOKIE].value
    response = call(auth.logout_route, auth.LOGOUT_PATH, headers={"origin": "http://127.0.0.1:8501"}, cookie=value)
    assert (response.status_code, response.headers["location"]) == (303, "/")
    cleared = set_cookie(response)[auth.COOKIE]
    assert cleared.value == "" and cleared["max-age"] == "0"
    store = users.SessionStore(users.store_path(wh))
    token = auth.unsign(value, store.secret())
    assert store.session_user(token, users.utcnow(), users.AuthSettings()) == (None, "none")
    assert store.events()["peristiwa"].tolist()[:2] == ["logout", "login_ok"]


def test_a_forged_cookie_signs_no_one_out(wh):
    value = set_cookie(call(auth.login_route, auth.LOGIN_PATH, f"nama=root&sandi={PASSWORD}"))[auth.COOKIE].value
    token = value.rsplit(".", 1)[0]
    call(auth.logout_route, auth.LOGOUT_PATH, cookie=token + ".forged")
    store = users.SessionStore(users.store_path(wh))
    assert store.session_user(token, users.utcnow(), users.AuthSettings()) == ("root", "ok")


def test_without_a_warehouse_no_one_signs_in(tmp_path, monkeypatch):
    monkeypatch.setenv("PETA_KESOS_DB", str(tmp_path / "none.duckdb"))
    response = call(auth.login_route, auth.LOGIN_PATH, f"nama=root&sandi={PASSWORD}")
    assert response.headers["location"] == "/?masuk=gagal"


def test_an_account_added_while_the_dashboard_runs_can_sign_in(wh):
    # The dashboard holds the warehouse open; `users add` replaces the file meanwhile.
    assert call(auth.login_route, auth.LOGIN_PATH, f"nama=root&sandi={PASSWORD}").headers["location"] == "/"
    with db.atomic_update(wh) as con:
        users.add_account(con, "ani", "kepala", PASSWORD, users.utcnow())
    response = call(auth.login_route, auth.LOGIN_PATH, f"nama=ani&sandi={PASSWORD}")
    assert response.headers["location"] == "/" and auth.COOKIE in response.headers["set-cookie"]

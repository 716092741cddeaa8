"""Who is signed in, and what they may open: the login gate, the page and download checks,
the audit helpers, and the two HTTP routes that set and clear the session cookie.

Streamlit's script cannot set a cookie (it talks to the browser over a websocket), and its
own ``st.login`` cookie is made only by its OIDC flow. So for local accounts the login form
is a plain HTML form that posts to ``POST /api/login``, a Starlette route mounted beside
Streamlit by ``serve.py`` (``st.App(routes=...)``, Streamlit's public way to add routes).
The route checks the password, opens a session in the session store (warehouse/users.py)
and answers with a redirect that sets ``peta_kesos_sesi``: a random token signed with HMAC
SHA-256, ``HttpOnly``, ``SameSite=Lax``, ``Secure`` behind HTTPS. Every script run reads the
cookie with ``st.context.cookies`` (sent with the websocket's opening request), checks the
signature, the session (idle timeout, lifetime) and the account (still active, its role
now), so a reload keeps the session and ``POST /api/logout`` or ``users disable`` ends it.

With ``mode = "oidc"`` in config/auth.toml the way in is ``st.login`` instead, and the
provider's e-mail address is the warehouse user name (``warehouse.users.oidc_account``).

Tests that open pages log in by putting a :class:`Session` in ``st.session_state[PRESET_KEY]``
from the test process (tests/conftest.py does it for every AppTest). A browser cannot: widget
values are strings and numbers, never a Session.

A little over 500 lines: the sign-in routes, the gate and the users page's helpers share the
session and its checks.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import hmac
import os
import platform
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import duckdb
import pandas as pd
import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.routing import Route

from domain import roles
from reports import settings as report_settings
from ui import data, sidebar
from ui.i18n import t
from ui.safe import html_text, md
from warehouse import db, users

COOKIE = "peta_kesos_sesi"
SETTINGS_ENV = "PETA_KESOS_AUTH_CONFIG"
LOGIN_PATH = "/api/login"
LOGOUT_PATH = "/api/logout"
# Tests only: a Session put here by the test process is the signed-in user.
PRESET_KEY = "auth.preset"
# Written at every run for the pages (and, in the next round, the scoped queries).
SESSION_KEY = "auth.session"
SCOPE_KEY = "auth.scope_kelurahan"
_ENDED_KEY = "auth.ended"
_OIDC_SEEN_KEY = "auth.oidc_seen"
_LAST_ACTIVE_KEY = "auth.last_active"
# What the login page is told after a refused sign-in (the route redirects to /?masuk=gagal).
_FAILED_PARAM = "masuk"
EVENTS = users.EVENTS


@dataclass(frozen=True)
class Session:
    """The signed-in user of this script run.

    ``scope_kelurahan``: the kelurahan/desa codes the user may see (sorted), or None for the
    whole region; bind it as one list parameter (``list_contains($scope_kelurahan, kode)``)."""

    user: str
    role: str
    permissions: frozenset[str]
    scope_kelurahan: tuple[str, ...] | None = None

    @classmethod
    def of(cls, account: users.Account, scope_kelurahan: tuple[str, ...] | None = None) -> Session:
        return cls(account.name, account.role, roles.permissions(account.role), scope_kelurahan)

    def may(self, permission: str) -> bool:
        if permission not in roles.PERMISSIONS:
            raise KeyError(f"unknown permission {permission!r}; the permissions are in domain/roles.py")
        return permission in self.permissions


def clock() -> dt.datetime:
    """Now, naive UTC."""
    return users.utcnow()


def settings() -> users.AuthSettings:
    """The sign-in settings: ``$PETA_KESOS_AUTH_CONFIG``, else config/auth.toml; read once per file."""
    return _settings(Path(os.environ.get(SETTINGS_ENV) or users.SETTINGS_FILE))


@functools.cache
def _settings(path: Path) -> users.AuthSettings:
    return users.load_settings(path)


@functools.cache
def _store(path: Path) -> users.SessionStore:
    return users.SessionStore(users.store_path(path))


def store() -> users.SessionStore:
    """The session store beside the warehouse this process serves."""
    return _store(data.warehouse_file())


# --- the cookie -------------------------------------------------------------------------------


def _mac(token: str, secret: bytes) -> str:
    digest = hmac.new(secret, token.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def sign(token: str, secret: bytes) -> str:
    """The cookie value for a session token: ``token.signature``."""
    return f"{token}.{_mac(token, secret)}"


def unsign(value: str | None, secret: bytes) -> str | None:
    """The token of a cookie value whose signature is right, else None."""
    if not value or "." not in value:
        return None
    token, mac = value.rsplit(".", 1)
    return token if hmac.compare_digest(mac, _mac(token, secret)) else None


# --- the HTTP routes (mounted by serve.py) ----------------------------------------------------


def _same_origin(request: Request) -> bool:
    # A form posted from another site (login CSRF) carries that site's Origin.
    origin = request.headers.get("origin")
    return origin is None or urlparse(origin).netloc == request.headers.get("host")


def _local_target(target: str) -> str:
    """Where to go after signing in: a path of this server (the page the visitor asked for),
    never another site (``//host``, ``/\\host`` or a full URL)."""
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


@data.cached(max_entries=64)
def _login_account(con: duckdb.DuckDBPyConnection, name: str) -> users.Account | None:
    # Through ui.data's connection, which follows the warehouse file when `users add` replaces
    # it: a connection of our own would get DuckDB's instance of the file it replaced.
    return users.account(con, name)


def _sign_in(name: str, password: str) -> users.SignIn:
    path = data.warehouse_file()
    acct = _login_account(users.normalise_name(name)) if path.exists() else None
    return store().sign_in(acct, password, clock(), settings())


async def login_route(request: Request):
    """``POST /api/login`` (form fields nama, sandi): the session cookie and back to the app."""
    if not _same_origin(request):
        return PlainTextResponse("cross-site sign-in refused", status_code=403)
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    outcome = await run_in_threadpool(_sign_in, form.get("nama", [""])[0], form.get("sandi", [""])[0])
    target = _local_target(form.get("next", ["/"])[0])
    if not outcome.ok:
        joiner = "&" if "?" in target else "?"
        return RedirectResponse(f"{target}{joiner}{_FAILED_PARAM}=gagal", status_code=303)
    response = RedirectResponse(target, status_code=303)
    secret = await run_in_threadpool(lambda: store().secret())
    response.set_cookie(
        COOKIE,
        sign(outcome.token, secret),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https",
        path="/",
    )
    return response


async def logout_route(request: Request):
    """``POST /api/logout``: end the session, clear the cookie, back to the login page."""
    if not _same_origin(request):
        return PlainTextResponse("cross-site sign-out refused", status_code=403)

    def end() -> None:
        token = unsign(request.cookies.get(COOKIE), store().secret())
        if token:
            store().sign_out(token, clock())

    await run_in_threadpool(end)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax")
    return response


def routes() -> list[Route]:
    """The routes serve.py mounts beside Streamlit."""
    return [Route(LOGIN_PATH, login_route, methods=["POST"]), Route(LOGOUT_PATH, logout_route, methods=["POST"])]


# --- the signed-in user of a script run -------------------------------------------------------


@data.cached(max_entries=256)
def _account(con: duckdb.DuckDBPyConnection, name: str) -> tuple[users.Account | None, tuple[str, ...] | None]:
    acct = users.account(con, name)
    if acct is None:
        return None, None
    return replace(acct, password_hash=None), users.scope_kelurahan(con, acct)


def _session_of(name: str | None) -> Session | None:
    if not name or not data.warehouse_file().exists():
        return None
    acct, scope = _account(name)
    if acct is None or not acct.active:
        return None
    return Session.of(acct, scope)


def _local_session() -> Session | None:
    path = data.warehouse_file()
    if not path.exists():
        return None
    token = unsign(st.context.cookies.get(COOKIE), store().secret())
    if token is None:
        return None
    name, reason = store().session_user(token, clock(), settings())
    if name is None:
        st.session_state[_ENDED_KEY] = reason
        return None
    session = _session_of(name)
    if session is None:  # disabled or removed since: the audit log has that change already
        store().end_sessions_of(name)
    return session


def _oidc_session() -> Session | None:
    if not st.user.is_logged_in:
        return None
    email = users.normalise_name(str(st.user.get("email") or ""))
    session = _session_of(email)
    now = clock()
    if session is None:
        if not st.session_state.get(_OIDC_SEEN_KEY):
            store().record("-", "login_failed", now, details={"akun": "oidc_tanpa_peran"})
            st.session_state[_OIDC_SEEN_KEY] = True
        st.title(t("auth.title"))
        st.error(t("auth.oidc_no_role", email=md(email)))
        st.button(t("auth.logout"), on_click=st.logout)
        st.stop()
    last = st.session_state.get(_LAST_ACTIVE_KEY)
    if last is not None and now - last > settings().idle:
        store().record(session.user, "session_idle", now)
        st.session_state.pop(_LAST_ACTIVE_KEY, None)
        st.session_state.pop(_OIDC_SEEN_KEY, None)
        st.logout()
    st.session_state[_LAST_ACTIVE_KEY] = now
    if not st.session_state.get(_OIDC_SEEN_KEY):
        store().record(session.user, "login_ok", now, details={"cara": "oidc"})
        st.session_state[_OIDC_SEEN_KEY] = True
    return session


def current() -> Session | None:
    """The signed-in user of this run, or None (checked afresh at every run)."""
    preset = st.session_state.get(PRESET_KEY)
    if isinstance(preset, Session):
        return preset
    return _oidc_session() if settings().mode == "oidc" else _local_session()


def has_admin() -> bool:
    """Whether the warehouse has an active admin (a new one has no accounts at all)."""
    path = data.warehouse_file()
    return path.exists() and _admin_count()[1] > 0


@data.cached
def _admin_count(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    return users.admin_count(con)


def _here() -> str:
    """The path and query the visitor asked for, to come back to after signing in."""
    path = urlparse(st.context.url or "").path or "/"
    params = {k: v for k, v in st.query_params.to_dict().items() if k != _FAILED_PARAM}
    return path + ("?" + urlencode(params) if params else "")


def login_page() -> None:
    """The page an anonymous visitor gets: the form, and nothing about the data."""
    st.title(t("auth.title"))
    if not has_admin():
        st.info(t("auth.no_accounts"))
    ended = st.session_state.pop(_ENDED_KEY, None)
    if ended in ("idle", "expired"):
        st.warning(t(f"auth.ended_{ended}", minutes=settings().idle_minutes, hours=settings().session_hours))
    if st.query_params.get(_FAILED_PARAM):
        st.error(t("auth.failed", minutes=settings().lock_minutes, tries=settings().lock_after_failures))
        del st.query_params[_FAILED_PARAM]
    if settings().mode == "oidc":
        st.button(t("auth.oidc_login"), on_click=st.login, type="primary")
        return
    st.html(
        f'<form method="post" action="{LOGIN_PATH}" style="max-width:22rem;display:grid;gap:.6rem">'
        f'<input type="hidden" name="next" value="{html_text(_here())}">'
        f'<label for="pk-nama">{html_text(t("auth.name"))}</label>'
        '<input id="pk-nama" name="nama" autocomplete="username" required autofocus '
        'style="padding:.45rem;border:1px solid #bbb;border-radius:.4rem">'
        f'<label for="pk-sandi">{html_text(t("auth.password"))}</label>'
        '<input id="pk-sandi" name="sandi" type="password" autocomplete="current-password" required '
        'style="padding:.45rem;border:1px solid #bbb;border-radius:.4rem">'
        f'<button type="submit" style="padding:.5rem;border-radius:.4rem;border:0;background:#ff4b4b;color:#fff">'
        f"{html_text(t('auth.login'))}</button></form>"
    )


def gate() -> Session:
    """The signed-in user; for anyone else the login page, then ``st.stop()``."""
    st.session_state.pop(SESSION_KEY, None)
    st.session_state.pop(SCOPE_KEY, None)
    sidebar.remember_language()
    session = current()
    if session is None:
        sidebar.language_switch()
        login_page()
        st.stop()
    st.session_state[SESSION_KEY] = session
    st.session_state[SCOPE_KEY] = None if session.scope_kelurahan is None else list(session.scope_kelurahan)
    return session


def session() -> Session | None:
    """The user the gate let in at this run (None outside the app frame)."""
    found = st.session_state.get(SESSION_KEY)
    return found if isinstance(found, Session) else None


def allowed(permission: str) -> bool:
    """Whether this run's user has ``permission`` (for download buttons and optional parts)."""
    found = session()
    return found is not None and found.may(permission)


def require(permission: str) -> None:
    """Stop the run with a clear message unless this run's user has ``permission``."""
    if not allowed(permission):
        found = session()
        st.error(t("auth.forbidden", role=found.role if found else "-"))
        st.stop()


def require_part(permission: str) -> None:
    """Stop the run here, after the parts of a page the user may see, unless this run's user
    has ``permission``: says which part is withheld and why (rows about people)."""
    if not allowed(permission):
        found = session()
        st.info(t("auth.forbidden_part", role=found.role if found else "-"))
        st.stop()


def sidebar_account(found: Session) -> None:
    """Who is signed in, and the sign-out button (a form posting to /api/logout)."""
    st.sidebar.caption(t("auth.signed_in_as", user=md(found.user), role=found.role))
    if settings().mode == "oidc":
        st.sidebar.button(t("auth.logout"), on_click=st.logout)
        return
    with st.sidebar:
        st.html(
            f'<form method="post" action="{LOGOUT_PATH}"><button type="submit" '
            'style="padding:.3rem .8rem;border-radius:.4rem;border:1px solid #bbb;background:#fff">'
            f"{html_text(t('auth.logout'))}</button></form>"
        )


# --- audit helpers for the pages --------------------------------------------------------------


def record_list(name: str, filters: dict) -> None:
    """Record that this run's user opened the row-level list ``name`` with ``filters``
    (codes and choices only, never personal data). Call it where the list is drawn."""
    found = session()
    store().record(found.user if found else "-", "list_opened", clock(), obj=name, details=filters)


def download(permission: str, file_name: str, make: Callable[[], bytes | str]) -> Callable[[], bytes | str]:
    """``data`` for ``st.download_button``: the file is made only when clicked, after the
    permission is checked again, and the download is recorded in the audit log.

    Use as ``st.download_button(..., data=auth.download(roles.X, name, lambda: content))``,
    inside ``if auth.allowed(roles.X):`` so that a user without it sees no button at all."""
    found = session()
    target = store()

    def deferred() -> bytes | str:
        if found is None or not found.may(permission):
            raise PermissionError(f"{file_name}: not allowed")
        target.record(found.user, "file_downloaded", clock(), obj=file_name)
        return make()

    return deferred


# --- the users page ---------------------------------------------------------------------------


def accounts_table() -> pd.DataFrame:
    """The accounts for the users page (no hashes), with translated headers."""
    path = data.warehouse_file()
    if not path.exists():
        return pd.DataFrame()
    rows = _accounts()
    return pd.DataFrame(
        {
            t("auth.col.user"): rows["nama_pengguna"],
            t("auth.col.role"): rows["peran"],
            t("auth.col.scope"): [
                ", ".join([*k, *c]) or "–" for k, c in zip(rows["kode_kelurahan"], rows["kode_kecamatan"], strict=True)
            ],
            t("auth.col.active"): rows["aktif"],
            t("auth.col.password"): rows["punya_sandi"],
            t("auth.col.changed"): rows["diubah"],
        }
    )


@data.cached
def _accounts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return users.accounts(con)


def account_names() -> list[str]:
    """Every account's user name."""
    return [] if not data.warehouse_file().exists() else _accounts()["nama_pengguna"].tolist()


def change_accounts(action: str, name: str, **values) -> str | None:
    """Apply ``action`` ("add", "disable" or "passwd") as this run's admin, in one warehouse
    transaction with its audit event; None when done, else the refusal's reason."""
    require(roles.ACCOUNTS)
    by = session().user
    path = data.warehouse_file()
    try:
        with db.atomic_update(path) as con:
            if action == "add":
                users.add_account(
                    con,
                    name,
                    values["role"],
                    values["password"],
                    clock(),
                    by=by,
                    kelurahan=values["kelurahan"],
                    kecamatan=values["kecamatan"],
                    settings=settings(),
                )
            elif action == "disable":
                users.disable_account(con, name, clock(), by=by)
            else:
                users.set_password(con, name, values["password"], clock(), by=by, settings=settings())
    except (users.AccountError, RuntimeError) as exc:
        return str(exc)
    if action != "add":
        store().end_sessions_of(name)
    return None


def settings_table() -> pd.DataFrame:
    """The sign-in settings the users page does not change (:func:`editable_settings`), as two columns."""
    s = settings()
    values = {
        "auth.setting.mode": s.mode,
        "auth.setting.min_password": s.min_password_length,
        "auth.setting.lifetime": s.session_hours,
    }
    return pd.DataFrame(
        {t("auth.users.setting"): [t(k) for k in values], t("auth.users.value"): [str(v) for v in values.values()]}
    )


# The label of each setting of reports.settings.EDITABLE.
SETTING_LABELS = {
    "auth.lock_after_failures": "auth.setting.lock_after",
    "auth.lock_minutes": "auth.setting.lock_minutes",
    "auth.idle_minutes": "auth.setting.idle",
    "privacy.suppress_below": "settings.suppress_below",
}


def _setting_file(setting: report_settings.Editable) -> Path:
    if setting.file == "auth.toml":
        return Path(os.environ.get(SETTINGS_ENV) or users.SETTINGS_FILE)
    return report_settings.privacy_file()


def editable_settings() -> list[tuple[report_settings.Editable, int]]:
    """(setting, its value now) of every setting an admin may change on the users page."""
    return [(s, report_settings.current(s, _setting_file(s))) for s in report_settings.EDITABLE]


def setting_inputs() -> dict[str, int]:
    """One number input per setting of :func:`editable_settings` (inside the page's form),
    at its value now; returns name -> the value entered."""
    return {
        setting.name: int(
            st.number_input(
                t(SETTING_LABELS[setting.name]),
                min_value=setting.min_value,
                max_value=setting.max_value,
                value=now,
                step=1,
                help=t("settings.range", min=setting.min_value, max=setting.max_value),
                key=f"setting_{setting.name}",
            )
        )
        for setting, now in editable_settings()
    }


def saved_text(changed: list[str]) -> str:
    """What the page says after saving: the settings changed, or that none did."""
    if not changed:
        return t("settings.unchanged")
    return t("settings.saved", names=", ".join(t(SETTING_LABELS[n]) for n in changed))


def change_settings(values: dict[str, object]) -> tuple[list[str], str | None]:
    """Write the settings ``values`` (name -> new value) as this run's admin: each checked
    first (nothing is written when one is refused), then each changed one written to its file
    and recorded as ``setting_changed`` with its old and new value. Returns (the names
    changed, the refusal's text or None)."""
    require(roles.ACCOUNTS)
    by = session().user
    wanted = [(report_settings.editable(name), value) for name, value in values.items()]
    for setting, value in wanted:
        valid = isinstance(value, int) and not isinstance(value, bool)
        if not valid or not setting.min_value <= value <= setting.max_value:
            return [], t(
                "settings.refused",
                name=t(SETTING_LABELS[setting.name]),
                min=setting.min_value,
                max=setting.max_value,
                value=md(str(value)[:40]),
            )
    changed = []
    for setting, value in wanted:
        path = _setting_file(setting)
        if report_settings.current(setting, path) == value:
            continue
        old = report_settings.write_whole(setting, value, path)
        store().record(by, "setting_changed", clock(), obj=setting.name, details={"lama": old, "baru": value})
        changed.append(setting.name)
    # The sign-in settings are read once per file: read them again.
    _settings.cache_clear()
    return changed, None


@data.cached
def _warehouse_events(con: duckdb.DuckDBPyConnection, start, end, user, event) -> pd.DataFrame:
    return users.warehouse_events(con, start, end, user, event)


def audit_events(dari: dt.date | None, sampai: dt.date | None, user: str | None, event: str | None) -> pd.DataFrame:
    """The audit log of both stores for the users page (``sampai`` inclusive), newest first:
    column names and event codes, what its CSV download labels (reports.files.labelled)."""
    require(roles.AUDIT)
    path = data.warehouse_file()
    start = None if dari is None else dt.datetime.combine(dari, dt.time())
    end = None if sampai is None else dt.datetime.combine(sampai + dt.timedelta(days=1), dt.time())
    rows = store().events(dari=start, sampai=end, nama_pengguna=user, peristiwa=event)
    if path.exists():
        rows = users.merge_events(rows, _warehouse_events(start, end, user, event))
    return rows


def event_label(event: str) -> str:
    """An audit event's name in the session's language (the label of its export)."""
    return t(f"export.value.peristiwa.{event}")


def audit_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows of :func:`audit_events` as the users page shows them: events in words, headers
    translated."""
    return rows.assign(peristiwa=rows["peristiwa"].map(event_label)).rename(
        columns={
            "waktu": t("auth.col.time"),
            "nama_pengguna": t("auth.col.user"),
            "peristiwa": t("auth.col.event"),
            "objek": t("auth.col.object"),
            "rincian": t("auth.col.details"),
        }
    )


def show_server_details() -> None:
    """For admins only (roles.SERVER_DETAILS): the warehouse file, the session store and the
    server's versions, as a caption. Other roles see nothing; call it where the import page
    showed the warehouse path."""
    if not allowed(roles.SERVER_DETAILS):
        return
    path = data.warehouse_file()
    st.caption(
        t(
            "auth.server_details",
            path=md(path.resolve()),
            store=md(users.store_path(path).resolve()),
            streamlit=st.__version__,
            python=platform.python_version(),
            mode=settings().mode,
        )
    )

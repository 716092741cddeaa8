"""Accounts, sign-in, sessions and the audit log (issue 13), and the ``users`` commands.

Two stores, for two kinds of write:

- The warehouse (DuckDB) keeps the accounts (``pengguna``) and the audit events that belong to
  a change of the warehouse (``audit_log``): account changes and imports are recorded in the
  same transaction as the change, through :func:`warehouse.db.atomic_update`.
- The session store, a small SQLite file beside the warehouse (``peta_kesos.auth.sqlite`` next
  to ``peta_kesos.duckdb``), keeps what the running dashboard writes many times a minute:
  open sessions, failed sign-ins in a row, the cookie-signing secret, and the dashboard's audit
  events (sign-ins, sign-outs, downloads, row-level lists opened). The dashboard reads the
  warehouse read-only and DuckDB lets no process write a file another holds open: every
  write through ``atomic_update`` makes all dashboard processes let the file go and wait for
  it, which is right for an import or an account change, not for every sign-in. SQLite in
  WAL mode takes small writes from many threads and processes while others read, needs nothing beyond the standard library, and losing it only
  signs everyone out (its audit events are also kept in it; back it up with the warehouse).

Every function that depends on the time takes ``now`` (a naive UTC ``datetime``), so tests
drive the lock and the idle timeout with their own clock.

Over 500 lines: the accounts, the session store and the audit log share one set of rules
(hashing, lock-out, scope, events) and the ``users`` command line; those four are the seams
along which it would split.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import getpass
import hashlib
import json
import re
import secrets
import sqlite3
import sys
import tomllib
from collections.abc import Iterator, Sequence
from pathlib import Path

import argon2
import duckdb
import pandas as pd

import queries
from domain import roles
from warehouse import db

SETTINGS_FILE = Path(__file__).resolve().parent.parent / "config" / "auth.toml"

# Audit event kinds. login_*: signing in; logout, session_*: a session's end; user_*: account
# changes; list_opened: a row-level list shown with its filters; file_downloaded; file_imported;
# setting_changed: a setting changed on the users page (its name, old and new value).
EVENTS: tuple[str, ...] = (
    "login_ok",
    "login_failed",
    "login_locked",
    "logout",
    "session_idle",
    "session_expired",
    "user_added",
    "user_disabled",
    "user_password",
    "list_opened",
    "file_downloaded",
    "file_imported",
    "setting_changed",
)
# Who the command line acts as in the audit log.
CLI_USER = "cli"
_NAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")
_HASHER = argon2.PasswordHasher()
# Verified against when the name is unknown, so that a wrong name takes as long as a wrong password.
_DUMMY_HASH = _HASHER.hash(secrets.token_hex(16))


def _run(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run a writing ``queries/<name>.sql`` on ``con`` itself, inside its open transaction (a
    cursor would be outside it). Reads use ``queries.run``: a cursor per call, so that the
    dashboard's threads can share one read-only connection."""
    return con.execute(queries.load(name), params).df()


def utcnow() -> dt.datetime:
    """The current time, naive UTC (how every time is stored here)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


# --- settings ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class AuthSettings:
    """How people sign in: ``mode`` "local" or "oidc"; the lock after failed sign-ins; session limits."""

    mode: str = "local"
    lock_after_failures: int = 5
    lock_minutes: int = 15
    min_password_length: int = 10
    idle_minutes: int = 30
    session_hours: int = 12

    @property
    def lock(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.lock_minutes)

    @property
    def idle(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.idle_minutes)

    @property
    def lifetime(self) -> dt.timedelta:
        return dt.timedelta(hours=self.session_hours)


def parse_settings(text: str, source: str = "auth.toml") -> AuthSettings:
    """Settings from the text of ``config/auth.toml``; missing keys keep their defaults."""
    data = tomllib.loads(text)
    masuk, sesi = data.get("masuk", {}), data.get("sesi", {})
    defaults = AuthSettings()
    mode = data.get("mode", defaults.mode)
    if mode not in ("local", "oidc"):
        raise ValueError(f'{source}: mode must be "local" or "oidc", not {mode!r}')

    def whole(section: dict, key: str, where: str, default: int) -> int:
        value = section.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{source} [{where}].{key} must be a whole number >= 1, not {value!r}")
        return value

    return AuthSettings(
        mode=mode,
        lock_after_failures=whole(masuk, "gagal_maksimum", "masuk", defaults.lock_after_failures),
        lock_minutes=whole(masuk, "kunci_menit", "masuk", defaults.lock_minutes),
        min_password_length=whole(masuk, "panjang_sandi_minimum", "masuk", defaults.min_password_length),
        idle_minutes=whole(sesi, "menit_diam", "sesi", defaults.idle_minutes),
        session_hours=whole(sesi, "jam_maksimum", "sesi", defaults.session_hours),
    )


def load_settings(path: Path = SETTINGS_FILE) -> AuthSettings:
    """The settings file (``config/auth.toml``); defaults where it is missing."""
    if not path.exists():
        return AuthSettings()
    return parse_settings(path.read_text(encoding="utf-8"), path.name)


# --- accounts (the warehouse) -----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Account:
    """An account: its login name, role and scope (empty tuples: the whole region)."""

    name: str
    role: str
    kelurahan: tuple[str, ...] = ()
    kecamatan: tuple[str, ...] = ()
    active: bool = True
    password_hash: str | None = dataclasses.field(default=None, repr=False)

    @property
    def scoped(self) -> bool:
        return bool(self.kelurahan or self.kecamatan)


class AccountError(ValueError):
    """A refused account change; the message says why and what to do."""


def normalise_name(name: str) -> str:
    """Login names are compared lowercase and without surrounding blanks."""
    return name.strip().lower()


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (salted; never the password itself)."""
    return _HASHER.hash(password)


def password_matches(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` is the one ``password_hash`` was made from."""
    try:
        return _HASHER.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except argon2.exceptions.VerificationError:
        return False
    except argon2.exceptions.InvalidHashError:
        return False


def has_accounts_table(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the warehouse has the accounts table (one built before issue 13 has not)."""
    return bool(queries.run(con, "users/table_exists")["ada"].iloc[0])


# The columns of queries/users/accounts.sql.
ACCOUNT_COLUMNS = (
    "nama_pengguna",
    "peran",
    "kode_kelurahan",
    "kode_kecamatan",
    "punya_sandi",
    "aktif",
    "demo",
    "dibuat",
    "diubah",
)


def accounts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every account without its hash (columns of ``queries/users/accounts.sql``)."""
    if not has_accounts_table(con):
        return pd.DataFrame(columns=ACCOUNT_COLUMNS)
    return queries.run(con, "users/accounts")


def admin_count(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(accounts, active admin accounts) of the warehouse."""
    if not has_accounts_table(con):
        return 0, 0
    row = queries.run(con, "users/admin_count").iloc[0]
    return int(row["akun"]), int(row["admin_aktif"])


def account(con: duckdb.DuckDBPyConnection, name: str) -> Account | None:
    """The account called ``name`` (any case), or None."""
    if not has_accounts_table(con):
        return None
    rows = queries.run(con, "users/account", nama_pengguna=normalise_name(name))
    if rows.empty:
        return None
    row = rows.iloc[0]
    return Account(
        name=row["nama_pengguna"],
        role=row["peran"],
        kelurahan=tuple(row["kode_kelurahan"]),
        kecamatan=tuple(row["kode_kecamatan"]),
        active=bool(row["aktif"]),
        password_hash=None if pd.isna(row["hash_sandi"]) else row["hash_sandi"],
    )


def oidc_account(con: duckdb.DuckDBPyConnection, email: str | None) -> Account | None:
    """The active account of an identity-provider user: its user name is their e-mail address."""
    if not email:
        return None
    found = account(con, email)
    return found if found is not None and found.active else None


def scope_kelurahan(con: duckdb.DuckDBPyConnection, acct: Account) -> tuple[str, ...] | None:
    """The kelurahan/desa codes ``acct`` may see (its kelurahan and those of its kecamatan),
    or None for an account of the whole region. Bound as one list parameter in queries."""
    if not acct.scoped:
        return None
    rows = queries.run(
        con, "users/scope_kelurahan", kode_kelurahan=list(acct.kelurahan), kode_kecamatan=list(acct.kecamatan)
    )
    return tuple(rows["kode"])


def record(
    con: duckdb.DuckDBPyConnection,
    user: str,
    event: str,
    now: dt.datetime,
    obj: str | None = None,
    details: dict | None = None,
) -> None:
    """Write one audit event into the warehouse, inside ``con``'s open transaction.

    ``details`` must hold no personal data (counts, codes, filters), only names of users."""
    if event not in EVENTS:
        raise KeyError(f"unknown audit event {event!r}; the events are warehouse.users.EVENTS")
    _run(
        con,
        "audit/insert",
        waktu=now,
        nama_pengguna=user,
        peristiwa=event,
        objek=obj,
        rincian=json.dumps(details, sort_keys=True, default=str) if details else None,
    )


def record_import(
    con: duckdb.DuckDBPyConnection,
    user: str,
    kind: str,
    file_name: str,
    read: int,
    loaded: int,
    quarantined: int,
    now: dt.datetime,
) -> None:
    """Record who imported which file with its row counts; call it inside the import's transaction."""
    record(
        con,
        user,
        "file_imported",
        now,
        obj=file_name,
        details={"jenis": kind, "dibaca": read, "dimuat": loaded, "karantina": quarantined},
    )


def _check_scope(con: duckdb.DuckDBPyConnection, codes: Sequence[str], level: str) -> None:
    known = set(queries.run(con, "users/units_known", level=level, kode=list(codes))["kode"])
    missing = sorted(set(codes) - known)
    if missing:
        raise AccountError(f"unknown {level} code(s) {', '.join(missing)}: import the wilayah list first")


def add_account(
    con: duckdb.DuckDBPyConnection,
    name: str,
    role: str,
    password: str | None,
    now: dt.datetime,
    *,
    by: str = CLI_USER,
    kelurahan: Sequence[str] = (),
    kecamatan: Sequence[str] = (),
    demo: bool = False,
    settings: AuthSettings = AuthSettings(),
) -> Account:
    """Add an account and record it in the audit log, in one transaction on ``con``.

    ``password`` None makes an account that signs in only through the identity provider. The
    first account of a warehouse must be an admin (someone must be able to add the others)."""
    name = normalise_name(name)
    if not _NAME.match(name):
        raise AccountError(f"user name {name!r}: 2-64 characters, a-z 0-9 . _ @ - (an e-mail address is fine)")
    if role not in roles.ROLES:
        raise AccountError(f"role {role!r}: choose one of {', '.join(roles.ROLES)}")
    if password is not None and len(password) < settings.min_password_length:
        raise AccountError(f"the password must have at least {settings.min_password_length} characters")
    db.create_schema(con)
    con.execute("begin transaction")
    try:
        if account(con, name) is not None:
            raise AccountError(f"user {name!r} exists; use `users passwd {name}` to change the password")
        if admin_count(con)[0] == 0 and role != roles.ADMIN:
            raise AccountError("the first account of a warehouse must be an admin: `users add NAME --role admin`")
        _check_scope(con, kelurahan, "kelurahan")
        _check_scope(con, kecamatan, "kecamatan")
        _run(
            con,
            "users/insert",
            nama_pengguna=name,
            peran=role,
            kode_kelurahan=sorted(kelurahan),
            kode_kecamatan=sorted(kecamatan),
            hash_sandi=None if password is None else hash_password(password),
            demo=demo,
            waktu=now,
        )
        details = {"peran": role, "kelurahan": sorted(kelurahan), "kecamatan": sorted(kecamatan)}
        record(con, by, "user_added", now, obj=name, details=details)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return Account(name, role, tuple(sorted(kelurahan)), tuple(sorted(kecamatan)))


def disable_account(con: duckdb.DuckDBPyConnection, name: str, now: dt.datetime, *, by: str = CLI_USER) -> None:
    """Disable an account (kept for the audit log's sake) and record it, in one transaction."""
    name = normalise_name(name)
    con.execute("begin transaction")
    try:
        acct = account(con, name)
        if acct is None:
            raise AccountError(f"no user {name!r}; `users list` shows them")
        if acct.active and acct.role == roles.ADMIN and admin_count(con)[1] == 1:
            raise AccountError(f"{name!r} is the last active admin: add another admin first")
        _run(con, "users/disable", nama_pengguna=name, waktu=now)
        record(con, by, "user_disabled", now, obj=name)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def set_password(
    con: duckdb.DuckDBPyConnection,
    name: str,
    password: str,
    now: dt.datetime,
    *,
    by: str = CLI_USER,
    settings: AuthSettings = AuthSettings(),
) -> None:
    """Replace an account's password and record it, in one transaction."""
    name = normalise_name(name)
    if len(password) < settings.min_password_length:
        raise AccountError(f"the password must have at least {settings.min_password_length} characters")
    con.execute("begin transaction")
    try:
        if _run(con, "users/set_password", nama_pengguna=name, hash_sandi=hash_password(password), waktu=now).empty:
            raise AccountError(f"no user {name!r}; `users list` shows them")
        record(con, by, "user_password", now, obj=name)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def demo_accounts(
    con: duckdb.DuckDBPyConnection, now: dt.datetime, password: str | None = None
) -> tuple[list[Account], str]:
    """One account per role on the demo warehouse, all with one fresh password (returned, never
    stored in plain text). The operator is scoped to the demo's first kecamatan. Run again, it
    gives the existing demo accounts a new password."""
    password = password or secrets.token_urlsafe(12)
    kecamatan = queries.run(con, "users/demo_kecamatan")["kode"].tolist()
    made = []
    for role in (roles.ADMIN, *[r for r in roles.ROLES if r != roles.ADMIN]):
        name = f"demo-{role}"
        scope = kecamatan[:1] if role == "operator" else []
        if account(con, name) is None:
            made.append(add_account(con, name, role, password, now, kecamatan=scope, demo=True))
        else:
            set_password(con, name, password, now)
            made.append(Account(name, role, (), tuple(scope)))
    return made, password


# --- the session store (SQLite beside the warehouse) ------------------------------------------


def store_path(warehouse: Path) -> Path:
    """The session store of a warehouse file: ``x.auth.sqlite`` beside ``x.duckdb``."""
    return warehouse.with_name(f"{warehouse.stem}.auth.sqlite")


_STORE_SCHEMA = (
    "audit/store_schema_1_audit_log",
    "audit/store_schema_2_sesi",
    "audit/store_schema_3_gagal",
    "audit/store_schema_4_kunci",
)


def _iso(t: dt.datetime) -> str:
    return t.isoformat(sep=" ", timespec="seconds")


def _time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclasses.dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in: ``token`` for the session cookie when ``ok``; ``reason`` else
    ("failed" or "locked"; the browser is told the same thing for both)."""

    ok: bool
    reason: str = ""
    token: str = dataclasses.field(default="", repr=False)
    account: Account | None = None


class SessionStore:
    """The SQLite file of sessions, failed sign-ins, the cookie secret and dashboard audit events."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            con.execute(queries.load("audit/store_pragma_wal"))
            for name in _STORE_SCHEMA:
                con.execute(queries.load(name))

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=10)
        try:
            with con:  # one transaction: commit on success, roll back on an exception
                yield con
        finally:
            con.close()

    def _one(self, name: str, **params) -> tuple | None:
        with self._connect() as con:
            return con.execute(queries.load(name), params).fetchone()

    def _run(self, name: str, **params) -> None:
        with self._connect() as con:
            con.execute(queries.load(name), params)

    def record(self, user: str, event: str, now: dt.datetime, obj: str | None = None, details: dict | None = None):
        """Write one dashboard audit event (no personal data in ``details``, only user names)."""
        if event not in EVENTS:
            raise KeyError(f"unknown audit event {event!r}; the events are warehouse.users.EVENTS")
        rincian = json.dumps(details, sort_keys=True, default=str) if details else None
        self._run(
            "audit/store_insert", waktu=_iso(now), nama_pengguna=user, peristiwa=event, objek=obj, rincian=rincian
        )

    def events(self, **filters) -> pd.DataFrame:
        """Audit events with the filters of ``queries/audit/store_events.sql`` (times as datetimes)."""
        params = {k: filters.get(k) for k in ("dari", "sampai", "nama_pengguna", "peristiwa")}
        for key in ("dari", "sampai"):
            if params[key] is not None:
                params[key] = _iso(params[key])
        with self._connect() as con:
            cur = con.execute(queries.load("audit/store_events"), params)
            frame = pd.DataFrame(cur.fetchall(), columns=[c[0] for c in cur.description])
        frame["waktu"] = pd.to_datetime(frame["waktu"])
        return frame

    def secret(self) -> bytes:
        """The key that signs session cookies, made at the store's first use."""
        row = self._one("audit/store_secret")
        if row is None:
            self._run("audit/store_secret_insert", nilai=secrets.token_hex(32))
            row = self._one("audit/store_secret")
        return bytes.fromhex(row[0])

    def sign_in(self, acct: Account | None, password: str, now: dt.datetime, settings: AuthSettings) -> SignIn:
        """Check a local sign-in to ``acct`` (the account of the name typed, None for an unknown
        name: :func:`account`), throttle it, and open a session.

        ``settings.lock_after_failures`` failures in a row lock an existing account for
        ``settings.lock_minutes`` (a right password too is refused then). Unknown names are not
        counted; the browser hears the same for every refusal, so it cannot learn which names exist."""
        if acct is None or not acct.active:
            password_matches(None, password)  # as slow as a real check
            self.record("-", "login_failed", now, details={"akun": "tidak_ada" if acct is None else "nonaktif"})
            return SignIn(False, "failed")
        name = acct.name
        row = self._one("audit/store_failures", nama_pengguna=name)
        failures, locked_until = (row[0], row[1] and _time(row[1])) if row else (0, None)
        if locked_until and now < locked_until:
            self.record(name, "login_locked", now, details={"sampai": _iso(locked_until)})
            return SignIn(False, "locked")
        if locked_until:  # the lock has ended: count afresh
            failures = 0
        if not password_matches(acct.password_hash, password):
            failures += 1
            lock = now + settings.lock if failures >= settings.lock_after_failures else None
            self._run(
                "audit/store_failures_set", nama_pengguna=name, gagal=failures, terkunci_sampai=lock and _iso(lock)
            )
            self.record(name, "login_failed", now, details={"gagal_berturut": failures, "terkunci": lock is not None})
            return SignIn(False, "locked" if lock else "failed")
        token = secrets.token_urlsafe(32)
        with self._connect() as c:
            c.execute(queries.load("audit/store_failures_clear"), {"nama_pengguna": name})
            c.execute(
                queries.load("audit/store_session_insert"),
                {"hash_token": _token_hash(token), "nama_pengguna": name, "waktu": _iso(now)},
            )
            c.execute(
                queries.load("audit/store_insert"),
                {"waktu": _iso(now), "nama_pengguna": name, "peristiwa": "login_ok", "objek": None, "rincian": None},
            )
        return SignIn(True, token=token, account=acct)

    def session_user(self, token: str, now: dt.datetime, settings: AuthSettings) -> tuple[str | None, str]:
        """(user name, "ok") for a live session, noting the activity; (None, why) otherwise:
        "none" (unknown or signed out), "idle" (no activity for ``settings.idle_minutes``),
        "expired" (older than ``settings.session_hours``). An idle or expired session ends here."""
        key = _token_hash(token)
        row = self._one("audit/store_session", hash_token=key)
        if row is None:
            return None, "none"
        name, created, last = row[0], _time(row[1]), _time(row[2])
        reason = "idle" if now - last > settings.idle else "expired" if now - created > settings.lifetime else ""
        if reason:
            self._run("audit/store_session_delete", hash_token=key)
            self.record(name, f"session_{reason}", now)
            return None, reason
        self._run("audit/store_session_touch", hash_token=key, waktu=_iso(now))
        return name, "ok"

    def sign_out(self, token: str, now: dt.datetime) -> None:
        """End a session (no-op for an unknown one) and record it."""
        key = _token_hash(token)
        row = self._one("audit/store_session", hash_token=key)
        if row is not None:
            self._run("audit/store_session_delete", hash_token=key)
            self.record(row[0], "logout", now)

    def end_sessions_of(self, name: str) -> None:
        """End every session of a user (disabled, or given a new password)."""
        self._run("audit/store_sessions_of_user_delete", nama_pengguna=normalise_name(name))


EVENT_COLUMNS = ("waktu", "nama_pengguna", "peristiwa", "objek", "rincian")


def warehouse_events(
    con: duckdb.DuckDBPyConnection,
    dari: dt.datetime | None = None,
    sampai: dt.datetime | None = None,
    nama_pengguna: str | None = None,
    peristiwa: str | None = None,
) -> pd.DataFrame:
    """The warehouse's audit events (``queries/audit/events.sql``); none before issue 13's tables."""
    if not has_accounts_table(con):
        return pd.DataFrame(columns=EVENT_COLUMNS)
    filters = {"dari": dari, "sampai": sampai, "nama_pengguna": nama_pengguna, "peristiwa": peristiwa}
    return queries.run(con, "audit/events", **filters)


def merge_events(*frames: pd.DataFrame) -> pd.DataFrame:
    """Audit events of both stores in one frame, newest first (EVENT_COLUMNS)."""
    parts = [f for f in frames if not f.empty]
    if not parts:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    frame = pd.concat(parts, ignore_index=True)
    return frame.sort_values("waktu", ascending=False, kind="stable").reset_index(drop=True)


def audit_events(
    con: duckdb.DuckDBPyConnection,
    store: SessionStore,
    dari: dt.datetime | None = None,
    sampai: dt.datetime | None = None,
    nama_pengguna: str | None = None,
    peristiwa: str | None = None,
) -> pd.DataFrame:
    """The audit log of both stores, newest first: waktu (UTC), nama_pengguna, peristiwa, objek, rincian."""
    filters = {"dari": dari, "sampai": sampai, "nama_pengguna": nama_pengguna, "peristiwa": peristiwa}
    return merge_events(store.events(**filters), warehouse_events(con, **filters))


# --- the ``users`` commands -------------------------------------------------------------------


def _read_password(prompt_twice: bool = True) -> str:
    """The password from standard input: one line when piped, asked twice at a terminal."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if prompt_twice and getpass.getpass("Password again: ") != first:
        raise AccountError("the two passwords differ")
    return first


def _codes(text: str | None) -> list[str]:
    return [c.strip() for c in (text or "").split(",") if c.strip()]


def _cmd_add(args: argparse.Namespace) -> int:
    settings = load_settings()
    password = _read_password() or None
    if password is None and settings.mode == "local":
        raise AccountError("no password given: pipe it on standard input (`echo ... | python -m warehouse users add`)")
    with db.atomic_update(db.db_path(args.db)) as con:
        acct = add_account(
            con,
            args.name,
            args.role,
            password,
            utcnow(),
            kelurahan=_codes(args.kelurahan),
            kecamatan=_codes(args.kecamatan),
            settings=settings,
        )
    scope = ", ".join(acct.kelurahan + acct.kecamatan) or "the whole region"
    print(f"Added {acct.name} ({acct.role}; {scope}).")
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    path = db.db_path(args.db)
    if not path.exists():
        print(f"{path}: no warehouse; no accounts.")
        return 0
    with db.connect(path, read_only=True) as con:
        rows = accounts(con)
    if rows.empty:
        print("No accounts yet. Add the first admin: python -m warehouse users add NAME --role admin")
        return 0
    for r in rows.itertuples():
        scope = ",".join(list(r.kode_kelurahan) + list(r.kode_kecamatan)) or "-"
        state = "active" if r.aktif else "disabled"
        print(f"{r.nama_pengguna:<32} {r.peran:<10} {state:<9} {scope}")
    return 0


def _cmd_disable(args: argparse.Namespace) -> int:
    path = db.db_path(args.db)
    with db.atomic_update(path) as con:
        disable_account(con, args.name, utcnow())
    SessionStore(store_path(path)).end_sessions_of(args.name)
    print(f"Disabled {normalise_name(args.name)}; their sessions are ended.")
    return 0


def _cmd_passwd(args: argparse.Namespace) -> int:
    path = db.db_path(args.db)
    password = _read_password()
    with db.atomic_update(path) as con:
        set_password(con, args.name, password, utcnow(), settings=load_settings())
    SessionStore(store_path(path)).end_sessions_of(args.name)
    print(f"New password set for {normalise_name(args.name)}; their sessions are ended.")
    return 0


def _cmd_demo_accounts(args: argparse.Namespace) -> int:
    path = db.db_path(args.db)
    made: list[Account] = []
    with db.atomic_update(path) as con:
        demo = bool(queries.run(con, "data_date")["demo"].iloc[0])
        if args.if_none and (not demo or admin_count(con)[0] > 0):
            raise db.Unchanged
        if not demo:
            raise AccountError(f"{path} is not a demo warehouse; add real accounts with `users add`")
        made, password = demo_accounts(con, utcnow())
    if not made:  # --if-none, and nothing to do
        return 0
    print("Demo accounts (one per role), all with the password below; it is shown only now:")
    for acct in made:
        print(f"  {acct.name:<16} {acct.role}")
    print(f"  password: {password}")
    return 0


def add_parser(subparsers) -> None:
    """Add ``users add|list|disable|passwd|demo-accounts`` to the ``python -m warehouse`` parser."""
    users_p = subparsers.add_parser("users", help="dashboard accounts (passwords are read from standard input)")
    sub = users_p.add_subparsers(dest="users_command", required=True)
    db_help = f"warehouse file (default ${db.DB_ENV} or {db.DEFAULT_DB.relative_to(db.ROOT)})"

    add_p = sub.add_parser("add", help="add an account; the password is read from standard input")
    add_p.add_argument("name", help="login name (for the identity provider: the e-mail address)")
    add_p.add_argument("--role", required=True, choices=roles.ROLES)
    add_p.add_argument("--kelurahan", help="comma-separated kelurahan/desa codes the account is limited to")
    add_p.add_argument("--kecamatan", help="comma-separated kecamatan codes the account is limited to")
    add_p.add_argument("--db", help=db_help)
    add_p.set_defaults(func=_guarded(_cmd_add))

    list_p = sub.add_parser("list", help="list the accounts")
    list_p.add_argument("--db", help=db_help)
    list_p.set_defaults(func=_guarded(_cmd_list))

    for command, func, text in (
        ("disable", _cmd_disable, "disable an account and end its sessions"),
        ("passwd", _cmd_passwd, "set a new password (read from standard input)"),
    ):
        p = sub.add_parser(command, help=text)
        p.add_argument("name")
        p.add_argument("--db", help=db_help)
        p.set_defaults(func=_guarded(func))

    demo_p = sub.add_parser("demo-accounts", help="one account per role on the demo warehouse, one new password")
    demo_p.add_argument("--db", help=db_help)
    demo_p.add_argument("--if-none", action="store_true", help="only on a demo warehouse that has no accounts yet")
    demo_p.set_defaults(func=_guarded(_cmd_demo_accounts))


def _guarded(func):
    def run(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except (AccountError, RuntimeError) as exc:
            print(f"users {args.users_command}: {exc}", file=sys.stderr)
            return 2

    return run

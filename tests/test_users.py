"""warehouse/users.py: accounts in the warehouse and the ``python -m warehouse users`` commands."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import duckdb
import pytest

import queries
from tests.seed import seed_db  # noqa: F401
from warehouse import db, users
from warehouse.__main__ import main

NOW = dt.datetime(2026, 3, 1, 8, 0, 0)
PASSWORD = "correct horse battery"


@pytest.fixture
def wh(seed_db, tmp_path):
    """A writable copy of the seed warehouse (no accounts yet)."""
    path = tmp_path / "w.duckdb"
    shutil.copy(seed_db, path)
    return path


def cli(monkeypatch, capsys, argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def rows(path, name: str, **params):
    with duckdb.connect(str(path), read_only=True) as con:
        return queries.run(con, name, **params)


def test_a_new_warehouse_has_no_accounts_and_the_first_must_be_an_admin(wh, monkeypatch, capsys):
    code, out, _ = cli(monkeypatch, capsys, ["users", "list", "--db", str(wh)])
    assert code == 0
    assert "No accounts yet" in out and "users add NAME --role admin" in out
    code, _, err = cli(
        monkeypatch, capsys, ["users", "add", "ani", "--role", "kepala", "--db", str(wh)], PASSWORD + "\n"
    )
    assert code == 2
    assert "the first account of a warehouse must be an admin" in err
    assert rows(wh, "users/accounts").empty
    code, out, _ = cli(
        monkeypatch, capsys, ["users", "add", "Root", "--role", "admin", "--db", str(wh)], PASSWORD + "\n"
    )
    assert (code, out) == (0, "Added root (admin; the whole region).\n")


def test_add_reads_the_password_from_stdin_and_keeps_only_an_argon2_hash(wh, monkeypatch, capsys):
    cli(monkeypatch, capsys, ["users", "add", "root", "--role", "admin", "--db", str(wh)], PASSWORD + "\n")
    argv = ["users", "add", "ops", "--role", "operator", "--kelurahan", "99.71.01.1001", "--db", str(wh)]
    code, out, _ = cli(monkeypatch, capsys, argv, PASSWORD + "\n")
    assert (code, out) == (0, "Added ops (operator; 99.71.01.1001).\n")
    with duckdb.connect(str(wh), read_only=True) as con:
        ops = users.account(con, "OPS")
        stored = " ".join(users.account(con, n).password_hash for n in users.accounts(con)["nama_pengguna"])
    assert ops.role == "operator" and ops.kelurahan == ("99.71.01.1001",) and ops.kecamatan == ()
    assert ops.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored
    assert users.password_matches(ops.password_hash, PASSWORD)
    assert not users.password_matches(ops.password_hash, PASSWORD + "x")


def test_scope_codes_must_be_units_of_the_warehouse(wh, monkeypatch, capsys):
    cli(monkeypatch, capsys, ["users", "add", "root", "--role", "admin", "--db", str(wh)], PASSWORD + "\n")
    argv = ["users", "add", "ops", "--role", "operator", "--kecamatan", "99.71.01,99.71.09", "--db", str(wh)]
    code, _, err = cli(monkeypatch, capsys, argv, PASSWORD + "\n")
    assert code == 2
    assert "unknown kecamatan code(s) 99.71.09" in err
    # A kelurahan code is no kecamatan code.
    argv = ["users", "add", "ops", "--role", "operator", "--kecamatan", "99.71.01.1001", "--db", str(wh)]
    assert cli(monkeypatch, capsys, argv, PASSWORD + "\n")[0] == 2


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("a", PASSWORD, "2-64 characters"),
        ("ani budi", PASSWORD, "2-64 characters"),
        ("ani", "short", "at least 10 characters"),
        ("ani", "", "no password given"),
    ],
)
def test_bad_accounts_are_refused(wh, monkeypatch, capsys, name, password, message):
    code, _, err = cli(monkeypatch, capsys, ["users", "add", name, "--role", "admin", "--db", str(wh)], password + "\n")
    assert code == 2
    assert message in err


def test_list_disable_and_passwd(wh, monkeypatch, capsys):
    for name, role in (("root", "admin"), ("ani", "kepala")):
        cli(monkeypatch, capsys, ["users", "add", name, "--role", role, "--db", str(wh)], PASSWORD + "\n")
    code, out, _ = cli(monkeypatch, capsys, ["users", "list", "--db", str(wh)])
    assert out.splitlines() == [
        f"{'ani':<32} {'kepala':<10} {'active':<9} -",
        f"{'root':<32} {'admin':<10} {'active':<9} -",
    ]
    code, _, err = cli(monkeypatch, capsys, ["users", "disable", "root", "--db", str(wh)])
    assert code == 2 and "the last active admin" in err
    assert cli(monkeypatch, capsys, ["users", "disable", "ani", "--db", str(wh)])[0] == 0
    code, out, _ = cli(monkeypatch, capsys, ["users", "passwd", "ani", "--db", str(wh)], "a new long password\n")
    assert code == 0
    with duckdb.connect(str(wh), read_only=True) as con:
        ani = users.account(con, "ani")
    assert not ani.active
    assert users.password_matches(ani.password_hash, "a new long password")
    assert cli(monkeypatch, capsys, ["users", "passwd", "nobody", "--db", str(wh)], PASSWORD + "\n")[0] == 2


def test_disable_and_passwd_end_the_users_sessions(wh, monkeypatch, capsys):
    for name, role in (("root", "admin"), ("ani", "kepala")):
        cli(monkeypatch, capsys, ["users", "add", name, "--role", role, "--db", str(wh)], PASSWORD + "\n")
    store = users.SessionStore(users.store_path(wh))
    settings = users.AuthSettings()
    with db.connect(wh, read_only=True) as con:
        token = store.sign_in(con, "ani", PASSWORD, NOW, settings).token
    assert store.session_user(token, NOW, settings) == ("ani", "ok")
    cli(monkeypatch, capsys, ["users", "passwd", "ani", "--db", str(wh)], "a new long password\n")
    assert store.session_user(token, NOW, settings) == (None, "none")


def test_demo_accounts_one_per_role_with_one_printed_password(demo_db, tmp_path, monkeypatch, capsys):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    code, out, _ = cli(monkeypatch, capsys, ["users", "demo-accounts", "--db", str(path)])
    assert code == 0
    lines = out.splitlines()
    names = [line.split()[0] for line in lines[1:-1]]
    assert names == ["demo-admin", "demo-kepala", "demo-perencana", "demo-auditor", "demo-operator"]
    password = lines[-1].split("password: ")[1]
    assert len(password) >= 16
    with duckdb.connect(str(path), read_only=True) as con:
        found = {n: users.account(con, n) for n in names}
        kecamatan = queries.run(con, "users/demo_kecamatan")["kode"].iloc[0]
    assert {n: a.role for n, a in found.items()} == {n: n.removeprefix("demo-") for n in names}
    assert all(users.password_matches(a.password_hash, password) for a in found.values())
    assert found["demo-operator"].kecamatan == (kecamatan,)
    # Again: the same accounts, a new password.
    out2 = cli(monkeypatch, capsys, ["users", "demo-accounts", "--db", str(path)])[1]
    password2 = out2.splitlines()[-1].split("password: ")[1]
    assert password2 != password
    with duckdb.connect(str(path), read_only=True) as con:
        assert len(users.accounts(con)) == 5
        assert users.password_matches(users.account(con, "demo-kepala").password_hash, password2)


def test_demo_accounts_refuse_a_real_warehouse(wh, monkeypatch, capsys):
    code, _, err = cli(monkeypatch, capsys, ["users", "demo-accounts", "--db", str(wh)])
    assert code == 2 and "is not a demo warehouse" in err


def test_scope_kelurahan_expands_kecamatan(seed_db):
    with duckdb.connect(str(seed_db), read_only=True) as con:
        whole = users.scope_kelurahan(con, users.Account("a", "kepala"))
        one = users.scope_kelurahan(con, users.Account("a", "operator", kelurahan=("99.71.01.1002",)))
        kec = users.scope_kelurahan(con, users.Account("a", "operator", kecamatan=("99.71.01",)))
    assert whole is None
    assert one == ("99.71.01.1002",)
    assert kec == ("99.71.01.1001", "99.71.01.1002", "99.71.01.2003", "99.71.01.2004")


def test_oidc_maps_the_email_to_an_active_account(wh):
    with db.atomic_update(wh) as con:
        users.add_account(con, "root", "admin", PASSWORD, NOW)
        users.add_account(con, "ani@dinsos.example.go.id", "auditor", None, NOW, kecamatan=["99.71.01"])
        users.add_account(con, "old@dinsos.example.go.id", "kepala", None, NOW)
        users.disable_account(con, "old@dinsos.example.go.id", NOW)
    with duckdb.connect(str(wh), read_only=True) as con:
        ani = users.oidc_account(con, " Ani@DinSos.example.go.id ")
        assert ani.role == "auditor" and ani.kecamatan == ("99.71.01",) and ani.password_hash is None
        assert users.oidc_account(con, "old@dinsos.example.go.id") is None
        assert users.oidc_account(con, "stranger@example.com") is None
        assert users.oidc_account(con, None) is None
        # No password: the local form never lets an identity-provider account in.
        store = users.SessionStore(users.store_path(wh))
        assert not store.sign_in(con, "ani@dinsos.example.go.id", "", NOW, users.AuthSettings()).ok


def test_a_warehouse_from_before_the_accounts_has_none(tmp_path):
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        assert users.account(con, "root") is None
        assert users.admin_count(con) == (0, 0)
        assert list(users.accounts(con).columns) == list(users.ACCOUNT_COLUMNS)


def test_settings_file_and_bad_values():
    assert users.load_settings() == users.AuthSettings()
    s = users.parse_settings('mode = "oidc"\n[masuk]\ngagal_maksimum = 3\nkunci_menit = 5\n[sesi]\nmenit_diam = 10\n')
    assert (s.mode, s.lock_after_failures, s.lock_minutes, s.idle_minutes, s.session_hours) == ("oidc", 3, 5, 10, 12)
    with pytest.raises(ValueError, match='mode must be "local" or "oidc"'):
        users.parse_settings('mode = "ldap"')
    with pytest.raises(ValueError, match=r"auth.toml \[sesi\].menit_diam must be a whole number >= 1"):
        users.parse_settings("[sesi]\nmenit_diam = 0")

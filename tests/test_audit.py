"""The audit log: every event kind written once by the action that causes it, in the same
transaction as a warehouse change, and without personal data."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import Counter

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

import queries
from domain import roles
from tests.seed import seed_db  # noqa: F401
from warehouse import db, users

T0 = dt.datetime(2026, 3, 1, 8, 0, 0)
PASSWORD = "correct horse battery"


@pytest.fixture
def wh(seed_db, tmp_path):
    path = tmp_path / "w.duckdb"
    shutil.copy(seed_db, path)
    return path


def warehouse_log(path) -> list[list]:
    with duckdb.connect(str(path), read_only=True) as con:
        frame = queries.run(con, "audit/events", dari=None, sampai=None, nama_pengguna=None, peristiwa=None)
    frame = frame[["nama_pengguna", "peristiwa", "objek", "rincian"]].astype(object)
    return frame.where(frame.notna(), None).values.tolist()[::-1]


def test_account_changes_are_recorded_once_each_in_their_transaction(wh):
    with db.atomic_update(wh) as con:
        users.add_account(con, "root", "admin", PASSWORD, T0)
        users.add_account(con, "ops", "operator", PASSWORD, T0, by="root", kelurahan=["99.71.01.1001"])
        users.set_password(con, "ops", "another long password", T0, by="root")
        users.disable_account(con, "ops", T0, by="root")
    assert warehouse_log(wh) == [
        ["cli", "user_added", "root", '{"kecamatan": [], "kelurahan": [], "peran": "admin"}'],
        ["root", "user_added", "ops", '{"kecamatan": [], "kelurahan": ["99.71.01.1001"], "peran": "operator"}'],
        ["root", "user_password", "ops", None],
        ["root", "user_disabled", "ops", None],
    ]


def test_a_refused_change_leaves_neither_the_change_nor_its_record(wh):
    with db.atomic_update(wh) as con:
        users.add_account(con, "root", "admin", PASSWORD, T0)
        with pytest.raises(users.AccountError):
            users.add_account(con, "root", "kepala", PASSWORD, T0)
        with pytest.raises(users.AccountError):
            users.disable_account(con, "root", T0)
    assert [row[1] for row in warehouse_log(wh)] == ["user_added"]


def test_an_import_is_recorded_inside_its_transaction(wh):
    with db.atomic_update(wh) as con:
        con.execute("begin transaction")
        users.record_import(con, "ops", "dtks", "dtks_maret.xlsx", 120, 118, 2, T0)
        con.execute("commit")
        con.execute("begin transaction")
        users.record_import(con, "ops", "dtks", "rolled_back.xlsx", 5, 5, 0, T0)
        con.execute("rollback")
    assert warehouse_log(wh) == [
        ["ops", "file_imported", "dtks_maret.xlsx", '{"dibaca": 120, "dimuat": 118, "jenis": "dtks", "karantina": 2}']
    ]


def test_unknown_event_kinds_are_refused(wh, tmp_path):
    with db.atomic_update(wh) as con, pytest.raises(KeyError, match="unknown audit event"):
        users.record(con, "root", "looked_around", T0)
    with pytest.raises(KeyError, match="unknown audit event"):
        users.SessionStore(tmp_path / "s.sqlite").record("root", "looked_around", T0)


def test_sign_in_events_once_each(wh):
    with db.atomic_update(wh) as con:
        users.add_account(con, "root", "admin", PASSWORD, T0)
    store = users.SessionStore(users.store_path(wh))
    quick = users.AuthSettings(lock_after_failures=1, idle_minutes=1, session_hours=1)
    with db.connect(wh, read_only=True) as con:
        assert store.sign_in(users.account(con, "root"), "wrong", T0, quick).reason == "locked"  # login_failed
        store.sign_in(users.account(con, "root"), PASSWORD, T0, quick)  # login_locked
        t = T0 + dt.timedelta(minutes=20)
        idle = store.sign_in(users.account(con, "root"), PASSWORD, t, quick).token  # login_ok
        store.session_user(idle, t + dt.timedelta(minutes=2), quick)  # session_idle
        old = store.sign_in(users.account(con, "root"), PASSWORD, t, quick).token
        for m in range(1, 61):
            store.session_user(old, t + dt.timedelta(minutes=m), quick)
        store.session_user(old, t + dt.timedelta(minutes=61), quick)  # session_expired
        gone = store.sign_in(users.account(con, "root"), PASSWORD, t, quick).token
        store.sign_out(gone, t)  # logout
        store.sign_out(gone, t)  # nothing: already ended
        log = users.audit_events(con, store)
    # Several events share a second, so compare how often each kind occurs.
    assert Counter(log["peristiwa"]) == {
        "user_added": 1,
        "login_failed": 1,
        "login_locked": 1,
        "login_ok": 3,
        "session_idle": 1,
        "session_expired": 1,
        "logout": 1,
    }


def test_the_log_of_both_stores_filters_by_user_kind_and_period(wh):
    with db.atomic_update(wh) as con:
        users.add_account(con, "root", "admin", PASSWORD, T0)
    store = users.SessionStore(users.store_path(wh))
    store.record("root", "file_downloaded", T0 + dt.timedelta(days=1), obj="a.csv")
    store.record("ani", "list_opened", T0 + dt.timedelta(days=2), obj="six_t.drilldown", details={"tahap": "2026-T1"})
    with db.connect(wh, read_only=True) as con:
        everything = users.audit_events(con, store)
        by_root = users.audit_events(con, store, nama_pengguna="root")
        day_two = users.audit_events(con, store, dari=T0 + dt.timedelta(days=2), sampai=T0 + dt.timedelta(days=3))
        downloads = users.audit_events(con, store, peristiwa="file_downloaded")
    assert everything["peristiwa"].tolist() == ["list_opened", "file_downloaded", "user_added"]
    assert by_root["peristiwa"].tolist() == ["file_downloaded"]  # root's account was added by the command line
    assert day_two["objek"].tolist() == ["six_t.drilldown"]
    assert json.loads(day_two["rincian"].iloc[0]) == {"tahap": "2026-T1"}
    assert downloads["objek"].tolist() == ["a.csv"]


def _page_helpers_script():
    import streamlit as st

    from domain import roles
    from ui import auth

    auth.gate()
    auth.record_list("six_t.drilldown", {"tahap": "2026-T1", "hanya_gagal": True})
    st.session_state["drill_csv"] = auth.download(roles.SIX_T_DRILLDOWN, "drill.csv", lambda: "a,b\n")
    st.session_state["may_drill"] = auth.allowed(roles.SIX_T_DRILLDOWN)
    auth.show_server_details()
    auth.require(roles.SIX_T_WORKING_PAPER)
    st.write("working paper")


def helpers_as(path, monkeypatch, role: str) -> AppTest:
    from ui import auth

    monkeypatch.setenv("PETA_KESOS_DB", str(path))
    at = AppTest.from_function(_page_helpers_script, default_timeout=60)
    at.session_state[auth.PRESET_KEY] = auth.Session.of(users.Account(f"u-{role}", role))
    at.session_state["lang"] = "en"
    return at.run()


def test_the_page_helpers_check_and_record(wh, monkeypatch):
    at = helpers_as(wh, monkeypatch, "auditor")
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["may_drill"] is True
    assert at.markdown[0].value == "working paper"
    assert not at.caption, "server details are for admins only"
    store = users.SessionStore(users.store_path(wh))
    assert store.events()["peristiwa"].tolist() == ["list_opened"]
    assert at.session_state["drill_csv"]() == "a,b\n"
    newest = store.events()[["nama_pengguna", "peristiwa", "objek"]].values.tolist()[0]
    assert newest == ["u-auditor", "file_downloaded", "drill.csv"]


def test_the_page_helpers_refuse_a_role_without_the_permission(wh, monkeypatch):
    at = helpers_as(wh, monkeypatch, "kepala")
    assert at.session_state["may_drill"] is False
    assert [e.value for e in at.error] == ["Your role (kepala) may not open this. Ask an admin if you need it."]
    assert not at.markdown
    with pytest.raises(PermissionError):
        at.session_state["drill_csv"]()
    assert "file_downloaded" not in users.SessionStore(users.store_path(wh)).events()["peristiwa"].tolist()
    assert roles.may("auditor", roles.SIX_T_DRILLDOWN) and not roles.may("kepala", roles.SIX_T_DRILLDOWN)


def test_server_details_are_shown_to_admins(wh, monkeypatch):
    at = helpers_as(wh, monkeypatch, "admin")
    (caption,) = [c.value for c in at.caption]
    assert caption.startswith("Warehouse: ") and "w\\.duckdb" in caption and "sign-in mode: local" in caption
    assert "w\\.auth\\.sqlite" in caption


def _settings_script():
    import streamlit as st

    from ui import auth

    auth.gate()
    st.session_state["outcome"] = auth.change_settings(st.session_state["wanted"])


def test_a_setting_change_is_recorded_once_with_its_old_and_new_value(wh, tmp_path, monkeypatch):
    from reports import settings as report_settings
    from ui import auth

    auth_file, privacy_file = tmp_path / "auth.toml", tmp_path / "privacy.toml"
    auth_file.write_text("[masuk]\ngagal_maksimum = 5\n", encoding="utf-8")
    monkeypatch.setenv(auth.SETTINGS_ENV, str(auth_file))
    monkeypatch.setenv(report_settings.PRIVACY_ENV, str(privacy_file))
    monkeypatch.setenv("PETA_KESOS_DB", str(wh))
    at = AppTest.from_function(_settings_script, default_timeout=30)
    at.session_state[auth.PRESET_KEY] = auth.Session.of(users.Account("root", "admin"))
    # Two settings asked for, one of them at its value already: one event, for the other.
    at.session_state["wanted"] = {"auth.lock_after_failures": 5, "auth.lock_minutes": 30}
    at.run()
    assert at.session_state["outcome"] == (["auth.lock_minutes"], None)
    events = users.SessionStore(users.store_path(wh)).events()
    assert events[["nama_pengguna", "peristiwa", "objek", "rincian"]].values.tolist() == [
        ["root", "setting_changed", "auth.lock_minutes", '{"baru": 30, "lama": 15}']
    ]
    assert auth_file.read_text(encoding="utf-8") == "[masuk]\nkunci_menit = 30\ngagal_maksimum = 5\n"
    assert not privacy_file.exists(), "an untouched file is not written"

"""The login gate and the role check of every page under AppTest, on the seed warehouse.

tests/conftest.py signs every AppTest in as an all-permission test user; these tests replace
that with no one (the anonymous visitor) or with one role's user."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from domain import roles
from tests.seed import seed_db  # noqa: F401
from tests.seed_six_t import six_t_db  # noqa: F401
from ui import auth
from warehouse import db, users

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = {
    "app_pages/overview.py": roles.AGGREGATES,
    "app_pages/kelurahan.py": roles.AGGREGATES,
    "app_pages/planner.py": roles.PLANNER,
    "app_pages/six_t.py": roles.AGGREGATES,
    "app_pages/pmks.py": roles.AGGREGATES,
    "app_pages/pendataan.py": roles.AGGREGATES,
    "app_pages/eksklusi.py": roles.AGGREGATES,
    "app_pages/admin.py": roles.IMPORT,
    "app_pages/users.py": roles.ACCOUNTS,
}
USERS = "app_pages/users.py"
# Names and codes of the seed warehouse that no page may show to someone it does not let in.
SEED_WORDS = ("Kota Uji", "Kecamatan Satu", "Alpha", "Beta", "Gamma", "Delta", "99.71", "S1")


def texts(at: AppTest) -> list[str]:
    """Every text the run put on the page (main area and sidebar)."""
    found = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "error", "info", "warning", "success"):
        found += [str(e.value) for e in getattr(at, kind)]
    found += [str(e.label) for e in at.metric]
    found += [str(o) for e in at.selectbox for o in e.options]
    found += [e.proto.body for e in at.get("html")]
    return found


def app_as(db_path, monkeypatch, session: auth.Session | None, lang: str = "en", page: str | None = None) -> AppTest:
    """The app for ``session``, not run yet; with ``page``, its first run opens that page (as a
    link to it does), not the landing page."""
    monkeypatch.setenv("PETA_KESOS_DB", str(db_path))
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["lang"] = lang
    at.session_state[auth.PRESET_KEY] = session
    if page is not None:
        # Before the first run AppTest finds the page by its file name, which is its url_path in app.py.
        at.switch_page(page)
    return at


def role_session(role: str) -> auth.Session:
    return auth.Session.of(users.Account(f"u-{role}", role))


@pytest.fixture(scope="module")
def admin_db(seed_db, tmp_path_factory):
    """The seed warehouse with the account root (admin), made once: hashing the password is
    most of a test's setup."""
    path = tmp_path_factory.mktemp("auth_pages") / "w.duckdb"
    shutil.copy(seed_db, path)
    with db.atomic_update(path) as con:
        users.add_account(con, "root", "admin", "correct horse battery", users.utcnow())
    return path


@pytest.fixture
def with_admin(admin_db, tmp_path):
    """A copy of :func:`admin_db` for one test, with a session store of its own."""
    path = tmp_path / "w.duckdb"
    shutil.copy(admin_db, path)
    return path


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_anonymous_visitor_gets_the_login_form_and_nothing_else(with_admin, monkeypatch, lang):
    at = app_as(with_admin, monkeypatch, None, lang).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == [{"id": "Masuk ke Peta Kesos", "en": "Sign in to Peta Kesos"}[lang]]
    (form,) = at.get("html")
    assert 'action="/api/login"' in form.proto.body and 'type="password"' in form.proto.body
    assert not at.metric and not at.dataframe and not at.info and not at.error
    shown = " ".join(texts(at))
    assert not [w for w in SEED_WORDS if w in shown], shown
    # The only widget is the language switch.
    assert [r.key for r in at.radio] == ["lang"]
    assert not at.selectbox and not at.button


def test_switching_pages_anonymously_still_shows_only_the_login(with_admin, monkeypatch):
    at = app_as(with_admin, monkeypatch, None).run()
    for page in PAGES:
        at.switch_page(page).run()
        assert [t.value for t in at.title] == ["Sign in to Peta Kesos"], page
        assert not [w for w in SEED_WORDS if w in " ".join(texts(at))]


def test_a_warehouse_without_accounts_says_how_to_make_the_first_admin(seed_db, monkeypatch):
    at = app_as(seed_db, monkeypatch, None).run()
    assert "users add NAME --role admin" in at.info[0].value


def test_a_failed_sign_in_is_told_without_saying_why(with_admin, monkeypatch):
    at = app_as(with_admin, monkeypatch, None)
    at.query_params["masuk"] = "gagal"
    at.run()
    assert at.error[0].value.startswith("Wrong user name or password, or the account is locked")
    assert "masuk" not in at.query_params


ROWS_WITHHELD = (
    "The list of findings per member or household holds personal data (NIK masked); "
    "your role ({role}) sees only their counts above."
)
PART_WITHHELD = (
    "The list of single distributions below holds personal data (NIK masked); "
    "your role ({role}) sees only the aggregate figures above."
)


@pytest.mark.parametrize("role", roles.ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_every_role_on_every_page(seed_db, monkeypatch, role, page):
    at = app_as(seed_db, monkeypatch, role_session(role), page=page).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    if roles.may(role, PAGES[page]):
        assert not [e for e in at.error if "may not open" in e.value]
        assert at.main.title, "an allowed page draws its title"
        withheld = [i.value for i in at.info if "holds personal data" in i.value]
        expected = {
            "app_pages/six_t.py": [] if roles.may(role, roles.SIX_T_DRILLDOWN) else [PART_WITHHELD.format(role=role)],
            "app_pages/kelurahan.py": [] if roles.may(role, roles.QUALITY_ROWS) else [ROWS_WITHHELD.format(role=role)],
        }
        assert withheld == expected.get(page, [])
    else:
        assert [e.value for e in at.error] == [f"Your role ({role}) may not open this. Ask an admin if you need it."]
        assert not at.main.title and not at.metric and not at.dataframe and not at.tabs
        assert not at.get("download_button") and not at.get("arrow_vega_lite_chart")
        assert not [w for w in SEED_WORDS if w in " ".join(shown)], shown


@pytest.mark.parametrize(
    ("role", "landing"),
    [("kepala", "DTKS update overview"), ("admin", "Data import"), ("operator", "DTKS update overview")],
)
def test_each_role_lands_on_a_page_it_may_open(seed_db, monkeypatch, role, landing):
    at = app_as(seed_db, monkeypatch, role_session(role)).run()
    assert at.main.title[0].value == landing
    assert f"Signed in as **u\\-{role}** ({role})" in [c.value for c in at.sidebar.caption]


def test_a_session_of_another_type_is_no_login(with_admin, monkeypatch):
    # Widget values are strings: a browser cannot forge the test preset.
    at = app_as(with_admin, monkeypatch, None)
    at.session_state[auth.PRESET_KEY] = "root"
    at.run()
    assert [t.value for t in at.title] == ["Sign in to Peta Kesos"]


def test_the_scope_goes_into_the_session(seed_db, monkeypatch):
    scoped = auth.Session.of(users.Account("ops", "operator", kecamatan=("99.71.01",)), ("99.71.01.1001",))
    at = app_as(seed_db, monkeypatch, scoped).run()
    assert at.session_state[auth.SESSION_KEY] == scoped
    assert at.session_state[auth.SCOPE_KEY] == ["99.71.01.1001"]
    at = app_as(seed_db, monkeypatch, role_session("kepala")).run()
    assert at.session_state[auth.SCOPE_KEY] is None


def test_users_page_adds_and_disables_accounts_as_the_admin(with_admin, monkeypatch):
    at = app_as(with_admin, monkeypatch, auth.Session.of(users.Account("root", "admin")), page=USERS).run()
    at.text_input(key="users_add_name").input("Ani")
    at.selectbox(key="users_add_role").select("kepala")
    at.text_input(key="users_add_password").input("another long password")
    at.button(key="FormSubmitter:users_add-Add an account").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success] == ["Account ani added."]
    assert at.dataframe[0].value["User"].tolist() == ["ani", "root"]
    at.selectbox(key="users_disable_name").select("ani")
    at.button(key="FormSubmitter:users_disable-Disable an account").click().run()
    assert [s.value for s in at.success] == ["Account ani disabled; its sessions are ended."]
    with db.connect(with_admin, read_only=True) as con:
        assert not users.account(con, "ani").active
        log = users.audit_events(con, users.SessionStore(users.store_path(with_admin)))
    assert log[["nama_pengguna", "peristiwa", "objek"]].values.tolist() == [
        ["root", "user_disabled", "ani"],
        ["root", "user_added", "ani"],
        ["cli", "user_added", "root"],
    ]
    # The audit tab shows the same three events in words, filtered by event kind on request.
    audit = at.dataframe[-1].value
    assert audit["Event"].tolist() == ["Account disabled", "Account added", "Account added"]
    # By position: AppTest formats a choice outside the session, in Bahasa Indonesia.
    at.selectbox(key="audit_event").select_index(1 + users.EVENTS.index("user_disabled")).run()
    assert at.dataframe[-1].value["Object"].tolist() == ["ani"]


@pytest.mark.parametrize(
    ("lang", "header", "row"),
    [
        ("en", "Time (UTC),User,Event,Object,Details", ",cli,Account added,root,"),
        ("id", "Waktu (UTC);Pengguna;Peristiwa;Objek;Rincian", ";cli;Akun ditambahkan;root;"),
    ],
)
def test_the_audit_log_download_names_the_events_in_the_users_language(
    with_admin, monkeypatch, deferred, lang, header, row
):
    at = app_as(with_admin, monkeypatch, auth.Session.of(users.Account("root", "admin")), lang, USERS).run()
    assert not at.exception, [e.value for e in at.exception]
    (button,) = (b for b in at.get("download_button") if "audit_download" in b.proto.id)
    lines = deferred[button.proto.deferred_file_id]().decode("utf-8-sig").splitlines()
    assert lines[0] == header
    # The one event of the seed copy: the command line added root (time first, no details).
    assert len(lines) == 2 and row in lines[1] and "user_added" not in lines[1]
    assert at.selectbox(key="audit_event").options[1] == ("Signed in" if lang == "en" else "Masuk berhasil")


def test_users_page_refuses_a_bad_account_with_the_reason(with_admin, monkeypatch):
    at = app_as(with_admin, monkeypatch, auth.Session.of(users.Account("root", "admin")), page=USERS).run()
    at.text_input(key="users_add_name").input("ani")
    at.text_input(key="users_add_password").input("short")
    at.button(key="FormSubmitter:users_add-Add an account").click().run()
    assert "the password must have at least 10 characters" in at.error[0].value


@pytest.fixture(scope="module")
def oidc_db(admin_db, tmp_path_factory):
    """:func:`admin_db` with accounts for two provider users, made once (each account change
    checks the schema, most of a test's setup)."""
    path = tmp_path_factory.mktemp("auth_pages_oidc") / "w.duckdb"
    shutil.copy(admin_db, path)
    with db.atomic_update(path) as con:
        users.add_account(con, "ani@dinsos.example.go.id", "auditor", None, users.utcnow())
        users.add_account(con, "old@dinsos.example.go.id", "kepala", None, users.utcnow())
        users.disable_account(con, "old@dinsos.example.go.id", users.utcnow())
    return path


@pytest.fixture
def oidc(oidc_db, tmp_path, monkeypatch):
    """A copy of :func:`oidc_db` with a session store of its own, and mode = "oidc"."""
    path = tmp_path / "w.duckdb"
    shutil.copy(oidc_db, path)
    config = tmp_path / "auth.toml"
    config.write_text('mode = "oidc"\n', encoding="utf-8")
    monkeypatch.setenv(auth.SETTINGS_ENV, str(config))
    return path


def oidc_app(path, monkeypatch, user: dict) -> AppTest:
    at = app_as(path, monkeypatch, None)
    at.user = user
    return at.run()


def test_oidc_the_provider_user_gets_the_role_of_their_account(oidc, monkeypatch):
    at = oidc_app(oidc, monkeypatch, {"is_logged_in": True, "email": "Ani@DinSos.example.go.id"})
    assert not at.exception, [e.value for e in at.exception]
    assert at.main.title[0].value == "DTKS update overview"
    assert at.session_state[auth.SESSION_KEY] == auth.Session.of(users.Account("ani@dinsos.example.go.id", "auditor"))
    at.switch_page("app_pages/planner.py").run()
    assert [e.value for e in at.error] == ["Your role (auditor) may not open this. Ask an admin if you need it."]
    log = users.SessionStore(users.store_path(oidc)).events()
    assert log[["nama_pengguna", "peristiwa"]].values.tolist() == [["ani@dinsos.example.go.id", "login_ok"]]


@pytest.mark.parametrize("email", ["old@dinsos.example.go.id", "stranger@example.com"])
def test_oidc_a_provider_user_without_an_active_account_sees_no_data(oidc, monkeypatch, email):
    at = oidc_app(oidc, monkeypatch, {"is_logged_in": True, "email": email})
    assert "has no role in Peta Kesos yet" in at.error[0].value
    assert [b.label for b in at.button] == ["Sign out"]
    assert not at.metric and not at.dataframe
    assert not [w for w in SEED_WORDS if w in " ".join(texts(at))]


def test_oidc_anonymous_gets_the_provider_button_only(oidc, monkeypatch):
    at = oidc_app(oidc, monkeypatch, {"is_logged_in": False})
    assert [t.value for t in at.title] == ["Sign in to Peta Kesos"]
    assert [b.label for b in at.button] == ["Sign in with the agency account"]
    assert not at.get("html"), "no password form in oidc mode"


@pytest.mark.parametrize(("role", "buttons"), [("kepala", 1), ("auditor", 2), ("perencana", 0)])
def test_six_t_downloads_follow_the_role(six_t_db, monkeypatch, role, buttons):
    # The page opens on one tahap, so the sample section is reached. kepala: the aggregate
    # table only; auditor: the failing rows and the working paper, no aggregate file;
    # perencana: none.
    at = app_as(six_t_db, monkeypatch, role_session(role), page="app_pages/six_t.py").run()
    assert not at.exception
    assert len(at.get("download_button")) == buttons


@pytest.mark.parametrize(("role", "buttons"), [("kepala", 3), ("auditor", 1), ("perencana", 0)])
def test_overview_downloads_follow_the_role(seed_db, monkeypatch, role, buttons):
    # kepala: the coverage table as CSV and Excel and the weekly brief; auditor: the masked
    # findings only; perencana: none.
    at = app_as(seed_db, monkeypatch, role_session(role), page="app_pages/overview.py").run()
    assert not at.exception
    assert len(at.get("download_button")) == buttons


@pytest.fixture
def config_copies(tmp_path, monkeypatch):
    """Copies of config/auth.toml and config/privacy.toml that the settings tab writes to."""
    from reports import settings as report_settings

    auth_file, privacy_file = tmp_path / "auth.toml", tmp_path / "privacy.toml"
    shutil.copy(ROOT / "config" / "auth.toml", auth_file)
    shutil.copy(ROOT / "config" / "privacy.toml", privacy_file)
    monkeypatch.setenv(auth.SETTINGS_ENV, str(auth_file))
    monkeypatch.setenv(report_settings.PRIVACY_ENV, str(privacy_file))
    return auth_file, privacy_file


def test_an_admin_changes_settings_on_the_users_page(with_admin, config_copies, monkeypatch):
    from reports import settings as report_settings

    auth_file, privacy_file = config_copies
    before = auth_file.read_text(encoding="utf-8")
    at = app_as(with_admin, monkeypatch, auth.Session.of(users.Account("root", "admin")), page=USERS).run()
    assert at.number_input(key="setting_auth.idle_minutes").value == 30
    assert at.number_input(key="setting_privacy.suppress_below").value == 5
    at.number_input(key="setting_auth.idle_minutes").set_value(45)
    at.number_input(key="setting_privacy.suppress_below").set_value(10)
    at.button(key="FormSubmitter:settings_edit-Save the settings").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success] == [
        "Settings saved: Idle session ends after (minutes), Hide counts of people below."
    ]
    # One line changed in each file, the comments kept; the new values apply at once.
    after = auth_file.read_text(encoding="utf-8")
    assert after == before.replace("menit_diam = 30", "menit_diam = 45")
    assert "suppress_below = 10\n" in privacy_file.read_text(encoding="utf-8")
    assert auth.settings().idle_minutes == 45 and report_settings.suppress_below() == 10
    assert at.number_input(key="setting_auth.idle_minutes").value == 45
    log = users.SessionStore(users.store_path(with_admin)).events()
    assert log[["nama_pengguna", "peristiwa", "objek", "rincian"]].values.tolist() == [
        ["root", "setting_changed", "privacy.suppress_below", '{"baru": 10, "lama": 5}'],
        ["root", "setting_changed", "auth.idle_minutes", '{"baru": 45, "lama": 30}'],
    ]
    at.button(key="FormSubmitter:settings_edit-Save the settings").click().run()
    assert [s.value for s in at.success] == ["No setting changed."]
    assert len(users.SessionStore(users.store_path(with_admin)).events()) == 2


def _change_settings_script():
    import streamlit as st

    from ui import auth

    auth.gate()
    st.session_state["outcome"] = auth.change_settings(st.session_state["wanted"])


@pytest.mark.parametrize(
    ("wanted", "reason"),
    [
        ({"auth.idle_minutes": 100_000}, "Idle session ends after (minutes): must be a whole number from 5 to 480"),
        ({"auth.lock_minutes": 20, "privacy.suppress_below": 0}, "Hide counts of people below: must be a whole"),
        ({"auth.lock_after_failures": "5; rm -rf"}, "Failures in a row before the lock: must be a whole number"),
        ({"auth.lock_after_failures": True}, "from 3 to 20, not True"),
    ],
)
def test_a_bad_setting_is_refused_and_nothing_is_written(with_admin, config_copies, monkeypatch, wanted, reason):
    auth_file, privacy_file = config_copies
    files = auth_file.read_text(encoding="utf-8"), privacy_file.read_text(encoding="utf-8")
    monkeypatch.setenv("PETA_KESOS_DB", str(with_admin))
    at = AppTest.from_function(_change_settings_script, default_timeout=30)
    at.session_state[auth.PRESET_KEY] = auth.Session.of(users.Account("root", "admin"))
    at.session_state["lang"] = "en"
    at.session_state["wanted"] = wanted
    at.run()
    changed, refused = at.session_state["outcome"]
    assert changed == [] and reason in refused and "Nothing was saved." in refused
    assert (auth_file.read_text(encoding="utf-8"), privacy_file.read_text(encoding="utf-8")) == files
    assert users.SessionStore(users.store_path(with_admin)).events().empty


@pytest.mark.parametrize("role", [r for r in roles.ROLES if r != roles.ADMIN])
def test_no_other_role_may_change_a_setting(with_admin, config_copies, monkeypatch, role):
    auth_file, _ = config_copies
    before = auth_file.read_text(encoding="utf-8")
    monkeypatch.setenv("PETA_KESOS_DB", str(with_admin))
    at = AppTest.from_function(_change_settings_script, default_timeout=30)
    at.session_state[auth.PRESET_KEY] = role_session(role)
    at.session_state["lang"] = "en"
    at.session_state["wanted"] = {"auth.idle_minutes": 45}
    at.run()
    assert [e.value for e in at.error] == [f"Your role ({role}) may not open this. Ask an admin if you need it."]
    assert "outcome" not in at.session_state
    assert auth_file.read_text(encoding="utf-8") == before

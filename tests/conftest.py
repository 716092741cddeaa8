"""Fixtures shared by every test module."""

from __future__ import annotations

import contextlib
import fcntl
import gc
import os
import secrets
import shutil
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from warehouse import db, demo

SESSION_SERVER_UNITS = (
    ("tests/test_browser.py", "tests/test_browser_hostile.py", "tests/test_browser_maps.py"),
    ("tests/test_auth_browser.py",),
)
"""The test modules that use the session's :func:`server` (or :func:`signed_in`, :func:`opened`),
in work units: one worker runs a unit's modules one after the other, so that one Chromium with
its signed-in contexts and open pages serves them all (:func:`shared_pages`), and one server
(a session fixture is made once per worker). Two units, on two workers when there are two: a
second server (~2 s of CPU to start) costs less than the wait of one worker's queue of some
twenty browser page loads while the other workers run out of work."""

SESSION_SERVER_MODULES = tuple(module for unit in SESSION_SERVER_UNITS for module in unit)


def _unit(nodeid: str) -> str:
    """The work unit of a test under pytest-xdist: its file, or its unit of
    :data:`SESSION_SERVER_UNITS`."""
    file = nodeid.split("::")[0]
    return next((f"session_server_{i}" for i, unit in enumerate(SESSION_SERVER_UNITS) if file in unit), file)


_shared_pages = []


def shared_pages():
    """The Chromium, signed-in contexts and open pages (tests.test_browser.SharedPages) that the
    session-server modules share; made at first use, closed when a worker leaves their unit
    (:func:`pytest_runtest_teardown`)."""
    if not _shared_pages:
        from tests.test_browser import SharedPages

        _shared_pages.append(SharedPages())
    return _shared_pages[0]


@pytest.hookimpl(optionalhook=True, tryfirst=True)  # pytest-xdist's hook: unknown when it is not loaded
def pytest_xdist_auto_num_workers(config):
    """pytest.ini's ``-n auto``: one worker more than the cores this process may use. The browser,
    server and import-subprocess tests spend much of their time waiting for another process, so
    with one worker per core a core sat idle about a quarter of the run (2 cores: 5 min 42 s with
    2 workers, 5 min 9 s with 3, same commit, quiet machine). pytest-xdist's own
    ``PYTEST_XDIST_AUTO_NUM_WORKERS`` still wins when set."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    return len(os.sched_getaffinity(0)) + 1


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook: unknown when it is not loaded
def pytest_xdist_make_scheduler(config, log):
    """pytest.ini's ``--dist loadfile``, with the units of :func:`_unit` (pytest-xdist's own
    ``loadgroup`` marks have no effect with pytest 9), queued in collection order
    (``--no-loadscope-reorder``), which :func:`pytest_collection_modifyitems` sets."""
    from xdist.scheduler import LoadFileScheduling

    class Units(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _unit(nodeid)

    return Units(config, log)


def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist, the work units are queued with the browser tests first: they take
    the longest, mostly waiting for a server and a browser, while the other worker runs the
    rest; then the other units by their number of tests, as pytest-xdist would order them.
    Without it, each unit's tests run one after the other, where its first test was (the
    session-server modules would not be, in file order). A unit of :data:`SESSION_SERVER_UNITS`
    runs its modules in the order listed there: tests/test_browser.py's first test is the session
    server's first visitor (a link to a page on a new process), and the map test, which zooms
    the overview's tab, goes after the hostile-names test, which only looks at it."""
    units: dict[str, list[pytest.Item]] = {}
    for item in items:
        units.setdefault(_unit(item.nodeid), []).append(item)
    queued = list(units.values())
    for unit in SESSION_SERVER_UNITS:
        units.get(_unit(unit[0]), []).sort(key=lambda item: unit.index(item.nodeid.split("::")[0]))
    if hasattr(config, "workerinput"):
        queued.sort(key=lambda unit: (not unit[0].get_closest_marker("browser"), -len(unit)))
    items[:] = [item for unit in queued for item in unit]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Close :func:`shared_pages` once a session-server unit's last test has run: Playwright's
    sync API keeps an event loop running in this thread while Chromium is open, and tests that
    run later on the same worker call asyncio.run (tests/test_deploy_processes.py,
    tests/test_auth_routes.py)."""
    try:
        return (yield)
    finally:
        leaving = nextitem is None or _unit(nextitem.nodeid) != _unit(item.nodeid)
        if _shared_pages and item.nodeid.split("::")[0] in SESSION_SERVER_MODULES and leaving:
            _shared_pages.pop().close()


def pytest_collection_finish(session):
    """Once collected, the objects every test module imported (streamlit, pandas, geopandas,
    ...) live until the process ends: moved out of the garbage collector's generations, so that
    its full collections no longer walk them (the collector's CPU in a page test file: 0.7 ->
    0.4 s)."""
    gc.freeze()


@pytest.fixture(scope="session", autouse=True)
def pages_raise_their_errors():
    """A failing page raises in tests (ui.errors.run_safely would show a polite message, and
    AppTest would see no exception)."""
    from ui import errors

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(errors.RAISE_ENV, "raise")
        yield


def shared_tmp(tmp_path_factory, worker_id: str) -> Path:
    """A folder shared by every pytest-xdist worker of this run (each worker's own base temp
    folder sits in it); the session's own base temp folder without xdist."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


@contextlib.contextmanager
def file_lock(path: Path):
    """Hold an exclusive lock on ``path`` (made if missing) across processes."""
    with path.open("a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def built_once(tmp_path_factory, worker_id: str, name: str, **build) -> Path:
    """The demo warehouse ``demo.build(con, **build)``, built once per test run under the name
    ``name``: the first pytest-xdist worker that asks builds it, the others wait for it and
    share the file."""
    root = shared_tmp(tmp_path_factory, worker_id)
    path = root / name / "demo.duckdb"
    with file_lock(root / f"{name}.lock"):
        # atomic_build renames a finished build into place: a file that exists is whole.
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            with db.atomic_build(path) as con:
                demo.build(con, **build)
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, worker_id) -> Path:
    """The scale-1 Kota Batam demo warehouse (seed 2171), built once per test run.

    Read it (``duckdb.connect(str(path), read_only=True)``), never write to it: every test
    of the run shares the file (a test that writes copies it first).
    """
    return built_once(tmp_path_factory, worker_id, "demo", scale=1, seed=2171)


SMALL_DEMO = 0.03
"""The share of the scale-1 volume of :func:`small_demo_db`."""


@pytest.fixture(scope="session")
def small_demo_db(tmp_path_factory, worker_id) -> Path:
    """The demo at :data:`SMALL_DEMO` of the scale-1 volume (seed 2171), for the tests that need
    a quick complete build or a demo to write to; built once per test run, shared like
    :func:`demo_db` (read it, or copy it to write)."""
    return built_once(tmp_path_factory, worker_id, "small_demo", scale=1, seed=2171, fraction=SMALL_DEMO)


SMALL_COUNTRY_UNITS, SMALL_COUNTRY_HOUSEHOLDS = 400, 4000
"""The size of :func:`small_country_db`."""


@pytest.fixture(scope="session")
def small_country_db(tmp_path_factory, worker_id) -> Path:
    """The synthetic country (warehouse.demo.national) at :data:`SMALL_COUNTRY_UNITS` units and
    :data:`SMALL_COUNTRY_HOUSEHOLDS` households, built once per test run through the command
    line (``python -m warehouse demo --national``), shared like :func:`demo_db` (read it only).
    The CLI builds with ``db.atomic_build``: a file that exists is a whole build."""
    from warehouse.__main__ import main

    root = shared_tmp(tmp_path_factory, worker_id)
    path = root / "small_country" / "n.duckdb"
    with file_lock(root / "small_country.lock"):
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            args = ["--units", str(SMALL_COUNTRY_UNITS), "--households", str(SMALL_COUNTRY_HOUSEHOLDS)]
            assert main(["demo", "--national", *args, "--db", str(path)]) == 0
    return path


@pytest.fixture(scope="session")
def demo_password() -> str:
    """The demo accounts' password in this test session (made afresh, never written down)."""
    return secrets.token_urlsafe(12)


@pytest.fixture(scope="session")
def demo_accounts_db(small_demo_db, demo_password, tmp_path_factory) -> Path:
    """A copy of the small demo warehouse (every page draws the same parts on it as on the
    scale-1 demo, and it is built in a fraction of the time) with one account per role
    (demo-admin, demo-kepala, ...), all with the password ``demo_password``, and two drawn
    kelurahan named with markup (tests/test_browser_hostile.py: every page the browser tests
    open shows them); for the tests that sign in through a browser or a server."""
    from tests.test_browser_hostile import name_two_kelurahan_with_markup
    from warehouse import users

    path = tmp_path_factory.mktemp("accounts") / "demo.duckdb"
    shutil.copy(small_demo_db, path)
    with db.atomic_update(path) as con:
        users.demo_accounts(con, users.utcnow(), demo_password)
        name_two_kelurahan_with_markup(con)
    return path


@pytest.fixture(scope="session", autouse=True)
def component_scan_once():
    """Each new AppTest scans every installed package's metadata for Streamlit components
    (streamlit.components.v2.manifest_scanner, ~0.3 s of CPU: over half of a small page test);
    a server does it once at start. The installed packages do not change during a test run, so
    the first scan's result serves every AppTest of the session."""
    from streamlit.components.v2 import manifest_scanner

    found = manifest_scanner.scan_component_manifests()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(manifest_scanner, "scan_component_manifests", lambda max_workers=None: list(found))
        yield


@pytest.fixture(scope="session", autouse=True)
def scripts_compiled_once():
    """Each AppTest run reads, rewrites (Streamlit's "magic") and compiles app.py and the page
    it shows afresh (a new ScriptCache per run, streamlit.testing.v1.app_test); a server keeps
    one ScriptCache for its life. The scripts do not change during a test run, so one cache
    serves every AppTest run of the session."""
    from streamlit.testing.v1 import app_test

    shared = app_test.ScriptCache()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(app_test, "ScriptCache", lambda: shared)
        yield


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashes():
    """argon2id with its smallest cost in the test process: the default (64 MiB, 3 passes, 4
    lanes) takes ~0.2 s of CPU per hash and per check, and the suite makes and checks hundreds.
    A hash names its own parameters, so the check is the same code path, and a server or CLI
    the tests start as a separate process still hashes with the real cost."""
    import argon2

    from warehouse import users

    hasher = argon2.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(users, "_HASHER", hasher)
        mp.setattr(users, "_DUMMY_HASH", hasher.hash(secrets.token_hex(16)))
        yield


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


@pytest.fixture(scope="module")
def browser(request):
    """One Chromium (Playwright): :func:`shared_pages`'s for the session-server modules, one per
    module for the others; each test opens its own context or a page of :func:`signed_in`'s. Not
    per session: Playwright's sync API keeps an event loop running in this thread while it is
    open, and tests that run on the same worker later call asyncio.run
    (tests/test_deploy_processes.py, tests/test_auth_routes.py)."""
    if request.node.nodeid in SESSION_SERVER_MODULES:
        yield shared_pages().browser()
        return
    from tests.test_browser import chromium

    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def server_process(demo_accounts_db):
    """``streamlit run serve.py`` on :func:`demo_accounts_db`, started: a tests.test_browser.Started,
    whose ``url()`` waits until it answers (:func:`server`)."""
    from tests.test_browser import Started, streamlit_process

    with streamlit_process(demo_accounts_db) as ready:
        yield Started(ready)


@pytest.fixture(scope="session")
def server(server_process) -> str:
    """The URL of :func:`server_process`, once it answers, started once per test session for
    the browser tests that need no fresh process (tests/test_browser.py's first test, where the
    first visit of a new process is what it tests, is its first visitor, or starts its own)."""
    return server_process.url()


@pytest.fixture(scope="module")
def signed_in(server, demo_password):
    """``signed_in(role)``: a browser context (1400 x 1100) of :func:`shared_pages` signed in as
    demo-``role`` on :func:`server`, made at its first use and shared by the session-server
    modules' tests that open pages in it, for the tests of what a signed-in browser sees (not
    of cookies or of signing in: those open their own contexts). Its cache serves the app's
    scripts to every later page of the role."""
    return lambda role: shared_pages().context(server, role, demo_password)


@pytest.fixture(scope="module")
def opened(server, demo_password):
    """``opened((role, path), ...)``: :func:`shared_pages`'s settled page ``server``/``path`` seen
    as demo-``role`` (a tests.test_browser.Visit), for each pair; pages not open yet are opened
    at once and settled together. ``opened.take(role, path)``: one such page for the caller to
    change and close."""

    def opened(*wanted: tuple[str, str]):
        return shared_pages().open(server, demo_password, *wanted)

    opened.take = lambda role, path: shared_pages().take(server, demo_password, role, path)
    return opened


@pytest.fixture
def deferred(monkeypatch) -> dict:
    """The callables behind the page's deferred download buttons, by deferred_file_id: calling
    one gives the bytes a click would download."""
    made: dict = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, *args, **kwargs):
        file_id = original(self, data_callable, *args, **kwargs)
        made[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return made

"""A real browser (Debian's chromium, driven by Playwright) opens every page of app.py's page
table, each as a role that may open it, with every request not to 127.0.0.1 blocked, and no
request leaves the machine; a link to a page opens that page on a new server process. (The
overview's map: tests/test_browser_maps.py.) The helpers here serve every browser test."""

from __future__ import annotations

import ast
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_process(db: Path | None, script: str | Path = "serve.py"):
    """``streamlit run`` of ``script`` (the app by default) on a free port of 127.0.0.1 on the
    warehouse ``db`` (None: the environment's), started fresh; yields a function that waits
    until it answers and returns its URL (so that the caller can start other things, such as
    Chromium, while the server starts)."""
    port = free_port()
    env = {**os.environ, "PETA_KESOS_LANG": "id", **({"PETA_KESOS_DB": str(db)} if db else {})}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"

    def ready() -> str:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return url
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"streamlit did not start:\n{proc.stdout.read()}")
            time.sleep(0.1)

    try:
        yield ready
    finally:
        proc.terminate()
        proc.wait(timeout=20)


class Started:
    """A :func:`streamlit_process` shared by several tests (tests/conftest.py's ``server_process``)."""

    def __init__(self, ready):
        self._ready = ready
        self._visited = False

    def url(self) -> str:
        """Its URL, once it answers."""
        self._visited = True
        return self._ready()

    def first_visit(self) -> str | None:
        """:meth:`url` if no one asked for it yet (the caller is the process's first visitor), else None."""
        return None if self._visited else self.url()


@contextlib.contextmanager
def streamlit_server(db: Path | None, script: str | Path = "serve.py"):
    """:func:`streamlit_process`, once it answers; yields its URL."""
    with streamlit_process(db, script) as ready:
        yield ready()


def only_local(blocked: list[str]):
    """A route handler that lets requests to 127.0.0.1 through and aborts, and logs into
    ``blocked``, every other."""

    def route(route):
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    return route


def sign_in(context, url: str, name: str, password: str) -> None:
    """Sign ``context`` in as ``name`` by posting the login form's fields to the server at
    ``url`` (its cookie jar gets the session cookie), without drawing the login page: for the
    tests of what a signed-in browser sees (tests/test_auth_browser.py tests the form)."""
    response = context.request.post(
        f"{url}/api/login", form={"nama": name, "sandi": password, "next": "/"}, max_redirects=0
    )
    assert response.status == 303 and "masuk=gagal" not in response.headers["location"], response.headers
    from ui import auth

    assert [c for c in context.cookies() if c["name"] == auth.COOKIE], "signed in"


def record_websockets(page) -> tuple[list[bytes], list[list[bytes]]]:
    """Every frame ``page`` receives over its websockets (Streamlit's messages, one
    ``ForwardMsg`` a frame), all together and by websocket (one per document the page loads)."""
    frames: list[bytes] = []
    sockets: list[list[bytes]] = []

    def opened(ws):
        mine: list[bytes] = []
        sockets.append(mine)

        def received(payload):
            data = payload if isinstance(payload, bytes) else payload.encode()
            frames.append(data)
            mine.append(data)

        ws.on("framereceived", received)

    page.on("websocket", opened)
    return frames, sockets


def finished_runs(frames: list[bytes]) -> int:
    """How many script runs finished (Streamlit's ``script_finished``: a run sends nothing
    after it) among ``frames``."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    return sum(
        msg.WhichOneof("type") == "script_finished" and msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
        for msg in map(ForwardMsg.FromString, frames)
    )


def wait_run_finished(page, sockets: list[list[bytes]], runs: int = 1, seconds: float = 120) -> None:
    """Wait until ``runs`` script runs have finished on the page's latest websocket."""
    deadline = time.monotonic() + seconds
    while not sockets or finished_runs(sockets[-1]) < runs:
        assert time.monotonic() < deadline, "no script run finished"
        page.wait_for_timeout(50)


def log_in(page, url: str, password: str, name: str = "demo-kepala") -> None:
    """Open ``url`` and send its login form (every page asks for one first)."""
    page.goto(url, wait_until="domcontentloaded")
    send_login_form(page, password, name)


def send_login_form(page, password: str, name: str = "demo-kepala") -> None:
    """Fill the login form ``page`` shows, once drawn, and send it."""
    page.locator("#pk-nama").wait_for(timeout=90_000)
    page.fill("#pk-nama", name)
    page.fill("#pk-sandi", password)
    with page.expect_navigation():
        page.click("form[action='/api/login'] button")


@dataclass
class Visit:
    """A page of :class:`SharedPages`, opened by URL: what it logged from its first request on
    (requests not to 127.0.0.1, blocked; dialogs, dismissed; websocket frames)."""

    page: object
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    sockets: list[list[bytes]] = field(default_factory=list)


def settle(visits: list[Visit]) -> None:
    """Wait until each page's script has run and stopped and its document (and the frames
    in it) have loaded, then 2 s more for late requests. Each step is taken for every page
    before the next step, so that one wait of 2 s after the last page settled gives every
    page its own 2 s (not one 2 s wait per page)."""
    if not visits:
        return
    for visit in visits:
        wait_run_finished(visit.page, visit.sockets)
    for visit in visits:
        visit.page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=180_000)
        visit.page.wait_for_load_state("load")
    visits[-1].page.wait_for_timeout(2000)


class SharedPages:
    r"""One Chromium, a context per role signed in on one server (1400 x 1100), and the
    pages opened in them by (role, url path), settled (:func:`settle`): opened once for all
    the tests that look at a page in the same state (tests/conftest.py's ``opened``; a
    Streamlit page load costs Chromium 2-4 s of CPU). A test that changes a page's state
    :meth:`take`\ s it: the next one to ask gets a page of its own."""

    def __init__(self):
        self._stack: contextlib.ExitStack | None = None
        self._contexts: dict = {}
        self._visits: dict[tuple[str, str], Visit] = {}

    def browser(self):
        if self._stack is None:
            stack = contextlib.ExitStack()
            self._browser = stack.enter_context(chromium())
            self._stack = stack
        return self._browser

    def context(self, url: str, role: str, password: str):
        if role not in self._contexts:
            context = self.browser().new_context(viewport={"width": 1400, "height": 1100})
            sign_in(context, url, f"demo-{role}", password)
            self._contexts[role] = context
        return self._contexts[role]

    def open(self, url: str, password: str, *wanted: tuple[str, str]) -> list[Visit]:
        """The settled pages ``url``/``path`` seen as ``role``, for each (role, path) of
        ``wanted``: those not open yet are opened all at once, then settled together."""
        new = []
        for role, path in wanted:
            if (role, path) not in self._visits:
                page = self.context(url, role, password).new_page()
                visit = Visit(page)
                page.route("**/*", only_local(visit.blocked))
                page.on("dialog", lambda d, visit=visit: (visit.dialogs.append(d.message), d.dismiss()))
                _, visit.sockets = record_websockets(page)
                # Ten tabs load at once: on a loaded machine the 30 s default is short.
                page.goto(f"{url}/{path}", wait_until="domcontentloaded", timeout=90_000)
                self._visits[role, path] = visit
                new.append(visit)
        settle(new)
        return [self._visits[key] for key in wanted]

    def take(self, url: str, password: str, role: str, path: str) -> Visit:
        """:meth:`open`'s page, no longer shared: the caller may change it and closes it."""
        (visit,) = self.open(url, password, (role, path))
        del self._visits[role, path]
        return visit

    def close(self) -> None:
        for context in self._contexts.values():
            context.close()
        if self._stack is not None:
            self._stack.close()


@contextlib.contextmanager
def chromium():
    """Debian's chromium under Playwright (the ``browser`` fixture of tests/conftest.py, one per
    pytest-xdist worker)."""
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing on CI: test.sh installs it with apt-get")
        pytest.skip("chromium is not installed (./test.sh installs it when run as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def new_server(server_process, demo_accounts_db):
    """The URL of a server process no one has visited yet: the session's (tests/conftest.py
    runs this module's tests first among the session-server modules), or, if a test had it
    before, one started for this test."""
    url = server_process.first_visit()
    if url:
        yield url
        return
    with streamlit_server(demo_accounts_db) as url:
        yield url


def test_a_link_to_a_page_opens_that_page_in_the_frame(new_server, demo_password, browser):
    # The first visit of a new server process, straight to a page: Streamlit would run the
    # page alone (a pages/ folder beside app.py), without the sidebar's selection.
    # Signed in beforehand (tests/test_auth_browser.py follows a link through the login form),
    # so that the process's first script run is that page's.
    context = browser.new_context()
    sign_in(context, new_server, "demo-perencana", demo_password)
    page = context.new_page()
    page.route("**/*", only_local([]))
    page.goto(f"{new_server}/planner?wilayah=21.71", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Perencanaan petugas pendata").wait_for(timeout=90_000)
    assert page.get_by_text("Impor data").is_visible(), "the frame's navigation is drawn"
    assert not page.locator("[data-testid='stException']").count()
    context.close()


def page_table() -> list[tuple[str, str]]:
    """(url path, permission) of every page registered in app.py's ANALYSIS and DATA lists,
    read from the source so that a page added there is tested here too."""
    from domain import roles

    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    rows = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] in (["ANALYSIS"], ["DATA"]):
            for entry in node.value.elts:
                file, _, _, permission = entry.elts
                rows.append((Path(file.value).stem, getattr(roles, permission.attr)))
    return rows


def opening_role(permission: str) -> str:
    """The role that may open a page and sees the most of it (the most permissions)."""
    from domain import roles

    allowed = [r for r in roles.ROLES if roles.may(r, permission)]
    return max(allowed, key=lambda r: len(roles.ROLE_PERMISSIONS[r]))


def test_the_modules_that_use_the_session_server_are_in_its_units():
    from tests.conftest import SESSION_SERVER_MODULES

    users = set()
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(
            isinstance(node, ast.FunctionDef)
            and {"server", "server_process", "signed_in", "opened"} & {a.arg for a in node.args.args}
            for node in ast.walk(tree)
        ):
            users.add(f"tests/{path.name}")
    assert users == set(SESSION_SERVER_MODULES)


def test_the_page_table_is_read_from_app_py():
    table = dict(page_table())
    assert {"overview", "kelurahan", "planner", "six_t", "pmks", "admin", "users"} <= set(table)
    assert opening_role(table["users"]) == "admin" and opening_role(table["admin"]) == "admin"
    assert opening_role(table["planner"]) == "perencana" and opening_role(table["six_t"]) == "auditor"


def url_path(path: str, role: str) -> str:
    """The URL path of page ``path`` for ``role``: "" for the role's first page (app.py's
    ``first_allowed``, the default of st.navigation, served at / only: at /overview Streamlit
    would say "Page not found" and run the main page)."""
    from domain import roles

    first = next(p for p, permission in page_table() if roles.may(role, permission))
    return "" if path == first else path


@pytest.fixture(scope="module")
def opened_pages(opened) -> dict[str, dict]:
    """Every page of the page table, each opened in its own tab of the browser context signed
    in as the role that may open it, with every request not to 127.0.0.1 blocked and logged,
    all opened first and then settled together (tests/test_browser_hostile.py and
    tests/test_browser_maps.py look further at the overview's and the PMKS page's tabs). What
    each one saw, by page."""
    table = [(path, opening_role(permission)) for path, permission in page_table()]
    visits = opened(*[(role, url_path(path, role)) for path, role in table])
    seen = {}
    for (path, role), visit in zip(table, visits, strict=True):
        ARTIFACTS.mkdir(exist_ok=True)
        visit.page.screenshot(path=str(ARTIFACTS / f"page_{path}.png"), full_page=True)
        text = visit.page.locator("body").inner_text()
        exceptions = visit.page.locator("[data-testid='stException']").count()
        blocked = list(visit.blocked)
        with (ARTIFACTS / "blocked_requests.jsonl").open("a", encoding="utf-8") as log:
            log.write(json.dumps({"page": path, "role": role, "blocked": blocked}) + "\n")
        seen[path] = {"role": role, "blocked": blocked, "text": text, "exceptions": exceptions}
    return seen


@pytest.mark.parametrize(("path", "permission"), page_table(), ids=[p for p, _ in page_table()])
def test_every_page_opens_with_no_request_leaving_the_machine(opened_pages, path, permission):
    seen = opened_pages[path]
    role, blocked, text = seen["role"], seen["blocked"], seen["text"]
    assert role == opening_role(permission)
    assert blocked == [], blocked
    assert not seen["exceptions"] and "Traceback" not in text, text[:2000]
    assert "may not open" not in text and "tidak boleh membuka" not in text, f"{role} was refused {path}"

"""Twenty people at once (issue 14.4): the real server, N concurrent sessions over a mix of pages.

    .venv/bin/python bench/bench_load.py [--sessions 20] [--browsers 2] [--rounds 1] [--db DEMO]
        [--after 135] [--waves 1] [--processes 1] [--cpu-runs 3] [--scale 1] [--quick]

The server is the one ``./start.sh`` runs (``streamlit run serve.py``) on a free port of
127.0.0.1, on a demo warehouse built in a temporary directory (``python -m warehouse demo``,
or a copy of ``--db``) with its demo accounts (``python -m warehouse users demo-accounts``).

Each session signs in the way the login form does (``POST /api/login``, the session cookie),
then speaks Streamlit's own protocol over its websocket (``/_stcore/stream``, the
``BackMsg``/``ForwardMsg`` protobufs of the streamlit package): it asks for a page
(``rerun_script``) and times it until the server says the script finished. Like the browser,
it keeps the large elements it received and names them in its next requests, so the server
sends a reference instead of a map the session already has. Sessions take
turns of role (planner, head, auditor, and the operator limited to one kecamatan) and each
visits its pages in its own order, so that at any moment the server runs a mix of pages.
One session alone goes first and fills the caches the sessions share (its first visits are
printed apart), as on a working day after the first visitor; the operator's scope has caches
of its own, so their first visits are part of the measured mix.
Besides them ``--browsers`` real Chromium pages (Playwright, Debian's chromium as in the
tests) sign in through the form and open the same pages by URL, timed until the app's
script state is ``notRunning``.

An error is a page run that shows an exception or an error box, a page not found, a closed
websocket or a page that does not finish within ``--page-timeout``. Memory is the server
process's resident set (``/proc/PID/status``): once started, after one warm-up session, its
peak while the sessions run (sampled every 0.2 s), and some time after they all closed; a
closed session's state is kept for ``server.disconnectedSessionTTL`` (120 s by default), so
``--after`` waits past that before the last sample. ``--waves 2`` runs the sessions a second
time after that: a server that released the first wave's sessions grows no further.

``--processes N`` starts N servers on the same warehouse behind nginx with sticky sessions
(hash on the session cookie), as docs/deploy.md describes and tests/test_deploy_processes.py
checks; every process gets a warm-up session of its own (each keeps its own caches), memory
is the sum of their resident sets and CPU the sum of their CPU times.

CPU: the machine may be shared, so wall seconds depend on who else runs; the server's CPU
seconds do much less. After the warm-up one session alone runs each page ``--cpu-runs``
times and the CPU the server processes spent (``/proc/PID/stat``, every thread) is printed
per warm page run; so is the servers' CPU per page run while the sessions run at once.

``--quick`` (bench/run_all.py): 4 sessions, no browser, 5 s after, one CPU run.

Budget (issue 14): 20 sessions, mixed pages, scale 1: median < 2 s, p90 < 4 s, 0 errors,
server RSS < 1.5 GB.

Measured (scale 1, 2 processes, ``--after 30``; the machine shared, load average 13-17): before
tables were styled once per process and maps knew their bounds (issue 14.4), warm CPU per run
overview 0.190 s, kelurahan 0.083, six_t 0.123, pmks 0.283, planner 0.110; all runs median
2.22 s, p90 6.27 s (pmks 5.54 / 15.53 s), 0.27 CPU s per run while the sessions ran. After:
overview 0.083-0.093, kelurahan 0.050-0.057, six_t 0.080-0.090, pmks 0.157-0.163, planner
0.083-0.103; median 1.89-2.51 s, p90 4.69-5.68 s (pmks 3.90-4.16 / 11.8-15.4 s), 0.24-0.25
CPU s per run; at load 11.6, median 1.47 s, p90 3.48 s (pmks 3.12 / 9.13 s), 0 errors,
1,406 MB, 0.22 CPU s per run: the budget met. The pmks p90 is the demo operators' first visits: all five open the PMKS page
first, with a scope whose results no one has cached yet (about 1.1 s of CPU each, 1.4 s before).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
COOKIE = "peta_kesos_sesi"
BUDGET_MEDIAN_S, BUDGET_P90_S, BUDGET_RSS_MB = 2.0, 4.0, 1536.0
# Which pages each demo role opens (url paths of app.py's st.navigation; "" is the overview).
ANALYSIS_PAGES = ["", "kelurahan", "six_t", "pmks"]
ROLE_PAGES = {
    "demo-perencana": [*ANALYSIS_PAGES, "planner"],
    "demo-kepala": ANALYSIS_PAGES,
    "demo-auditor": ANALYSIS_PAGES,
    "demo-operator": ANALYSIS_PAGES,
}


# --- the warehouse and the server --------------------------------------------------------------


def python() -> str:
    return sys.executable


def demo_warehouse(folder: Path, scale: int = 1, source: Path | None = None) -> tuple[Path, str]:
    """A demo warehouse in ``folder`` (built, or copied from ``source``) with its demo accounts;
    returns its path and the accounts' password."""
    path = folder / "demo.duckdb"
    if source:
        shutil.copy(source, path)
    else:
        subprocess.run(
            [python(), "-m", "warehouse", "demo", "--db", str(path), "--scale", str(scale)],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    out = subprocess.run(
        [python(), "-m", "warehouse", "users", "demo-accounts", "--db", str(path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return path, re.search(r"password: (\S+)", out).group(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(warehouse: Path, port: int | None = None, log: Path | None = None) -> Iterator[tuple[str, int]]:
    """``streamlit run serve.py`` as start.sh runs it, on 127.0.0.1; yields (its URL, its pid)."""
    port = port or free_port()
    env = {**os.environ, "PETA_KESOS_DB": str(warehouse), "PETA_KESOS_LANG": "id"}
    env.pop("PETA_KESOS_ERRORS", None)  # the real server: failures as error boxes
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(
        [python(), "-m", "streamlit", "run", "serve.py", "--server.address", "127.0.0.1"]
        + ["--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            out.close()


def wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the server at {url} did not start")
        time.sleep(0.3)


# docs/deploy.md's "Several app processes" upstream (same hash key, same headers), every path in
# the bench's own directory; X-Upstream says which process answered (the warm-up and the split).
NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx_error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      close;
    }}
    upstream peta_kesos {{
        hash $cookie_peta_kesos_sesi consistent;
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://peta_kesos;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 1h;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


@contextlib.contextmanager
def proxy(folder: Path, urls: list[str]) -> Iterator[str]:
    """nginx on a free port of 127.0.0.1 in front of the servers at ``urls``, sticky on the
    session cookie; yields its URL."""
    if NGINX is None:
        raise RuntimeError("--processes needs nginx (apt-get install nginx-light)")
    port = free_port()
    servers = "\n".join(f"        server {u.removeprefix('http://')};" for u in urls)
    conf = folder / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=folder, port=port, servers=servers))
    proc = subprocess.Popen(
        [NGINX, "-p", str(folder), "-c", str(conf), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc, 30)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def upstream_of(url: str, cookie: str) -> str:
    """The server (host:port) the proxy at ``url`` sends this session to; "" without a proxy."""
    request = urllib.request.Request(f"{url}/_stcore/health", headers={"Cookie": f"{COOKIE}={cookie}"})
    with urllib.request.urlopen(request, timeout=30) as r:
        return r.headers.get("X-Upstream", "")


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU seconds the processes ``pids`` have used, every thread counted."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


def rss_total(pids: list[int]) -> float:
    """The summed resident sets of the processes ``pids`` (MB)."""
    return sum(common.rss_mb(pid) for pid in pids)


def sign_in(url: str, name: str, password: str) -> str:
    """The session cookie's value after ``POST /api/login`` with the login form's fields."""
    parts = urllib.parse.urlsplit(url)
    con = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    body = urllib.parse.urlencode({"nama": name, "sandi": password, "next": "/"})
    con.request("POST", "/api/login", body, {"Content-Type": "application/x-www-form-urlencoded"})
    response = con.getresponse()
    response.read()
    con.close()
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith(COOKIE + "="):
            return value.split(";", 1)[0].split("=", 1)[1]
    raise RuntimeError(f"sign-in of {name} refused (HTTP {response.status})")


# --- one session over Streamlit's websocket -----------------------------------------------------


@dataclass
class PageRun:
    page: str
    seconds: float
    error: str | None = None
    client: str = "websocket"
    text: str = ""


@dataclass
class Session:
    """One signed-in browser tab, spoken to in Streamlit's protocol.

    ``async with session.connected(): await session.run(page)`` keeps one websocket open over
    several runs, as a browser tab does; :meth:`visit` opens one for a list of pages. With
    ``collect`` a run's :attr:`PageRun.text` holds the text it showed (markdown, headings,
    metrics, alerts and every cell of its tables), to look for a figure in.
    """

    url: str
    cookie: str
    collect: bool = False
    runs: list[PageRun] = field(default_factory=list)
    page_hashes: dict[str, str] = field(default_factory=dict)
    # As the browser's message cache: the large elements received, by hash; every rerun names
    # them, and the server sends a reference instead of an element the session already has.
    cached: dict[str, bytes] = field(default_factory=dict)
    _ws: object = None

    @contextlib.asynccontextmanager
    async def connected(self):
        from websockets.asyncio.client import connect

        ws_url = self.url.replace("http://", "ws://") + "/_stcore/stream"
        headers = {"Cookie": f"{COOKIE}={self.cookie}", "Origin": self.url}
        async with connect(ws_url, subprotocols=["streamlit"], additional_headers=headers, max_size=None) as ws:
            self._ws = ws
            try:
                yield self
            finally:
                self._ws = None

    async def run(self, page: str, page_timeout: float = 120) -> PageRun:
        """Ask for ``page`` (a url path, "" the default page) and wait until its script finished."""
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        state.page_name = page
        state.page_script_hash = self.page_hashes.get(page, "")
        state.widget_states.SetInParent()
        state.cached_message_hashes.extend(self.cached)
        texts: list[str] = []
        start = time.perf_counter()
        try:
            await self._ws.send(msg.SerializeToString())
            error = await asyncio.wait_for(self._until_finished(texts), page_timeout)
        except TimeoutError:
            error = f"no answer within {page_timeout:.0f} s"
        run = PageRun(page or "overview", time.perf_counter() - start, error, text="\n".join(texts))
        self.runs.append(run)
        return run

    async def visit(self, pages: list[str], page_timeout: float) -> None:
        try:
            async with self.connected():
                for page in pages:
                    await self.run(page, page_timeout)
        except Exception as exc:  # a refused or closed websocket: an error of this session's run
            self.runs.append(PageRun("(websocket)", 0.0, repr(exc)))

    async def _until_finished(self, texts: list[str]) -> str | None:
        """Read ForwardMsgs until the script run ends; the error it showed, if any."""
        from streamlit.proto.Alert_pb2 import Alert
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        error = None
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self._ws.recv())
            if msg.WhichOneof("type") == "ref_hash":
                delta_path = list(msg.metadata.delta_path)
                msg.ParseFromString(self.cached[msg.ref_hash])
                msg.metadata.delta_path[:] = delta_path
            elif msg.metadata.cacheable:
                self.cached[msg.hash] = msg.SerializeToString()
            kind = msg.WhichOneof("type")
            if kind == "navigation":
                for p in msg.navigation.app_pages:
                    self.page_hashes[p.url_pathname.strip("/")] = p.page_script_hash
            elif kind == "page_not_found":
                error = "page not found"
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                what = element.WhichOneof("type")
                if what == "exception":
                    error = error or f"exception: {element.exception.type}"
                elif what == "alert" and element.alert.format == Alert.ERROR:
                    error = error or f"error box: {element.alert.body[:80]}"
                elif what in ("markdown", "html") and 'action="/api/login"' in getattr(element, what).body:
                    error = error or "the login form (not signed in)"
                if self.collect:
                    texts.append(element_text(element, what))
            elif kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    error = "compile error"
                return error


def element_text(element, what: str) -> str:
    """The text an element shows; a table's cells, one per line."""
    if what in ("dataframe", "table"):
        import pyarrow as pa

        proto = getattr(element, what)
        data = proto.arrow_data.data or (proto.lazy_data.initial_chunk.data if what == "dataframe" else b"")
        if not data:
            return ""
        table = pa.ipc.open_stream(data).read_all()
        return "\n".join(str(v) for column in table.columns for v in column.to_pylist())
    if what == "metric":
        return f"{element.metric.label} {element.metric.body}"
    body = getattr(getattr(element, what, None), "body", None)
    return body if isinstance(body, str) else ""


def session_pages(index: int, rounds: int) -> tuple[str, list[str]]:
    """The account and the pages of session ``index``: roles in turn, pages rotated."""
    names = list(ROLE_PAGES)
    name = names[index % len(names)]
    pages = ROLE_PAGES[name]
    turn = index % len(pages)
    order = pages[turn:] + pages[:turn]
    return name, order * rounds


# --- real browsers -----------------------------------------------------------------------------


def browser_sessions(url: str, password: str, count: int, rounds: int, page_timeout: float, runs: list[PageRun]):
    """``count`` Chromium pages, each signing in through the form and opening every analysis
    page by URL, timed until the app's script state is notRunning."""
    from playwright.sync_api import sync_playwright

    settled = "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        )
        try:
            contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(count)]
            pages = [c.new_page() for c in contexts]
            for page in pages:
                page.goto(url, wait_until="domcontentloaded")
                page.locator("#pk-nama").wait_for(timeout=page_timeout * 1000)
                page.fill("#pk-nama", "demo-kepala")
                page.fill("#pk-sandi", password)
                with page.expect_navigation():
                    page.click("form[action='/api/login'] button")
            for r in range(rounds):
                for i, page in enumerate(pages):
                    order = ANALYSIS_PAGES[i % 4 :] + ANALYSIS_PAGES[: i % 4]
                    for name in order if r == 0 else order[::-1]:
                        start = time.perf_counter()
                        error = None
                        try:
                            page.goto(f"{url}/{name}", wait_until="domcontentloaded")
                            page.wait_for_function(settled, timeout=page_timeout * 1000)
                            if page.locator("[data-testid=stException], [data-testid=stAlertContentError]").count():
                                error = "error shown"
                        except Exception as exc:  # a timeout or a crash: an error of this run
                            error = f"{type(exc).__name__}"
                        runs.append(PageRun(name or "overview", time.perf_counter() - start, error, "chromium"))
        finally:
            browser.close()


# --- the run -----------------------------------------------------------------------------------


class RssSampler:
    """The peak of the summed resident sets of processes, sampled in a thread."""

    def __init__(self, pids: list[int], every: float = 0.2):
        self.pids, self.every, self.peak = pids, every, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(OSError):
                self.peak = max(self.peak, rss_total(self.pids))
            self._stop.wait(self.every)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


async def run_sessions(url: str, password: str, count: int, rounds: int, page_timeout: float) -> list[Session]:
    accounts = [session_pages(i, rounds) for i in range(count)]
    # Every session its own sign-in, as every person: a cookie of their own.
    sessions = [Session(url, await asyncio.to_thread(sign_in, url, name, password)) for name, _ in accounts]
    await asyncio.gather(*(s.visit(pages, page_timeout) for s, (_, pages) in zip(sessions, accounts)))
    return sessions


async def warm_up(url: str, password: str, processes: int, page_timeout: float) -> list[PageRun]:
    """One session per server (its first visits): sign-ins until the proxy has sent one to each."""
    name, pages = session_pages(0, 1)
    cookies: dict[str, str] = {}
    for _ in range(50 * processes):
        cookie = await asyncio.to_thread(sign_in, url, name, password)
        cookies.setdefault(await asyncio.to_thread(upstream_of, url, cookie), cookie)
        if len(cookies) == processes:
            break
    runs = []
    for cookie in cookies.values():
        session = Session(url, cookie)
        await session.visit(pages, page_timeout)
        runs += session.runs
    return runs


async def page_cpu(url: str, password: str, pids: list[int], runs: int, page_timeout: float) -> dict[str, float]:
    """Server CPU seconds per warm run of each page, one session alone running it ``runs`` times."""
    name, pages = session_pages(0, 1)
    session = Session(url, await asyncio.to_thread(sign_in, url, name, password))
    cpu = {}
    async with session.connected():
        for page in pages:
            await session.run(page, page_timeout)  # this session's first run of the page
            before = cpu_seconds(pids)
            for _ in range(runs):
                await session.run(page, page_timeout)
            cpu[page or "overview"] = (cpu_seconds(pids) - before) / runs
    return cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent websocket sessions (default 20)")
    parser.add_argument("--browsers", type=int, default=2, help="real Chromium pages besides them (default 2)")
    parser.add_argument("--rounds", type=int, default=1, help="times each session visits its pages")
    parser.add_argument("--db", type=Path, help="a demo warehouse to copy instead of building one")
    parser.add_argument("--after", type=float, default=135, help="seconds to wait after the sessions closed")
    parser.add_argument("--waves", type=int, default=1, help="waves of sessions one after the other (memory reuse)")
    parser.add_argument("--processes", type=int, default=1, help="servers behind nginx, sticky sessions (default 1)")
    parser.add_argument("--cpu-runs", type=int, default=3, help="warm runs of each page for its CPU seconds")
    parser.add_argument("--page-timeout", type=float, default=120)
    parser.add_argument("--log", type=Path, help="write the (first) server's log here")
    common.add_arguments(parser)
    args = parser.parse_args()
    if args.quick:
        args.sessions, args.browsers, args.after, args.cpu_runs = min(args.sessions, 4), 0, min(args.after, 5), 1
    browsers = args.browsers if CHROMIUM else 0
    if args.browsers and not CHROMIUM:
        print("chromium is not installed: websocket sessions only")
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        started = time.perf_counter()
        warehouse, password = demo_warehouse(Path(tmp), int(args.scale), args.db)
        print(f"demo warehouse (scale {args.scale:g}) ready in {time.perf_counter() - started:.0f} s")
        servers = [
            stack.enter_context(serve(warehouse, log=args.log if i == 0 else None)) for i in range(args.processes)
        ]
        pids = [pid for _, pid in servers]
        url = servers[0][0] if args.processes == 1 else stack.enter_context(proxy(Path(tmp), [u for u, _ in servers]))
        rss_idle = rss_total(pids)
        # One session first on each server: the shared caches filled, as on a working day after the first visit.
        warm_runs = asyncio.run(warm_up(url, password, args.processes, args.page_timeout))
        time.sleep(1)
        rss_warm = rss_total(pids)
        cpu_per_page = asyncio.run(page_cpu(url, password, pids, args.cpu_runs, args.page_timeout))
        runs: list[PageRun] = []
        waves = []
        for _ in range(args.waves):
            browser_runs: list[PageRun] = []
            with RssSampler(pids) as sampler:
                thread = None
                cpu_before = cpu_seconds(pids)
                if browsers:
                    thread = threading.Thread(
                        target=browser_sessions,
                        args=(url, password, browsers, args.rounds, args.page_timeout, browser_runs),
                    )
                    thread.start()
                t0 = time.perf_counter()
                sessions = asyncio.run(run_sessions(url, password, args.sessions, args.rounds, args.page_timeout))
                ws_wall = time.perf_counter() - t0
                if thread:
                    thread.join()
                wall = time.perf_counter() - t0
                cpu = cpu_seconds(pids) - cpu_before
            runs += [r for s in sessions for r in s.runs] + browser_runs
            split = sorted(collections.Counter(upstream_of(url, s.cookie) for s in sessions).values(), reverse=True)
            rss_after = []
            for wait in sorted({5.0, min(30.0, args.after), args.after}):
                time.sleep(max(wait - (rss_after[-1][0] if rss_after else 0), 0))
                rss_after.append((wait, rss_total(pids)))
            waves.append(Wave(ws_wall, wall, sampler.peak, rss_after, cpu, split))
    report(args, warm_runs, runs, waves, rss_idle, rss_warm, browsers, cpu_per_page)
    return 0


@dataclass
class Wave:
    """One wave of sessions: wall seconds (websocket sessions, all), the servers' peak RSS
    during it and their RSS some seconds after (MB), their CPU seconds during it, and how
    many websocket sessions each server got (most first)."""

    ws_wall: float
    wall: float
    rss_peak: float
    rss_after: list[tuple[float, float]]
    cpu: float = 0.0
    split: list[int] = field(default_factory=list)


def report(args, warm_runs, runs, waves: list[Wave], rss_idle, rss_warm, browsers, cpu_per_page) -> None:
    times = [r.seconds for r in runs]
    errors = [r for r in runs if r.error]
    median, p90 = statistics.median(times), percentile(times, 0.9)
    servers = f"{args.processes} server processes behind nginx" if args.processes > 1 else "1 server process"
    print(
        "warm-up session(s) (alone, first visits, one per process): "
        + ", ".join(f"{r.page} {r.seconds:.2f} s" for r in warm_runs)
    )
    print(
        f"server CPU seconds per warm page run (one session alone, {args.cpu_runs} runs each): "
        + ", ".join(f"{page} {cpu:.3f}" for page, cpu in cpu_per_page.items())
    )
    print(
        f"{args.sessions} websocket sessions + {browsers} Chromium pages at once on {servers}, {len(waves)} wave(s), "
        f"{len(runs)} page runs (each wave: websocket sessions done in "
        f"{', '.join(f'{w.ws_wall:.1f}' for w in waves)} s, all in {', '.join(f'{w.wall:.1f}' for w in waves)} s); "
        f"{os.cpu_count()} cores, "
        f"load average {os.getloadavg()[1]:.1f} over the last 5 minutes"
    )
    print(f"{'page':<12} {'client':<10} {'runs':>5} {'median s':>9} {'p90 s':>7} {'max s':>7} {'errors':>6}")
    keys = sorted({(r.page, r.client) for r in runs})
    for page, client in keys:
        t = [r.seconds for r in runs if (r.page, r.client) == (page, client)]
        e = sum(1 for r in runs if (r.page, r.client) == (page, client) and r.error)
        print(
            f"{page:<12} {client:<10} {len(t):>5} {statistics.median(t):>9.2f} {percentile(t, 0.9):>7.2f}"
            f" {max(t):>7.2f} {e:>6}"
        )
    print(f"all          {'':<10} {len(times):>5} {median:>9.2f} {p90:>7.2f} {max(times):>7.2f} {len(errors):>6}")
    for r in errors[:10]:
        print(f"  error: {r.client} {r.page}: {r.error}")
    rss_peak = max(w.rss_peak for w in waves)
    print(f"server RSS (all processes): idle {rss_idle:,.0f} MB, after the warm-up {rss_warm:,.0f} MB")
    for i, w in enumerate(waves, 1):
        after = ", ".join(f"{t:.0f} s after: {mb:,.0f} MB" for t, mb in w.rss_after)
        per_run = w.cpu / max(len(runs) // len(waves), 1)
        print(
            f"  wave {i}: server CPU {w.cpu:.1f} s ({per_run:.2f} s per page run); websocket sessions per process "
            f"{'/'.join(map(str, w.split))}"
        )
        print(
            f"  wave {i}: peak during {w.rss_peak:,.0f} MB "
            f"({(w.rss_peak - rss_warm) / max(args.sessions + browsers, 1):,.1f} MB per session above the warm "
            f"server), {after}"
        )
    verdict = median < BUDGET_MEDIAN_S and p90 < BUDGET_P90_S and not errors and rss_peak < BUDGET_RSS_MB
    print(
        f"budget: median < {BUDGET_MEDIAN_S:g} s, p90 < {BUDGET_P90_S:g} s, 0 errors, server RSS < "
        f"{BUDGET_RSS_MB:,.0f} MB: {'met' if verdict else 'NOT met'}"
    )
    sessions = args.sessions + browsers
    what = f"load: {sessions} sessions" + (f", {args.processes} processes" if args.processes > 1 else "")
    cpu_note = f"{waves[-1].cpu / max(len(runs) // len(waves), 1):.2f} CPU s/run"
    common.emit(
        f"{what}, median page",
        args.scale,
        rows=len(runs),
        seconds=median,
        peak_mb=rss_peak,
        budget_s=BUDGET_MEDIAN_S,
        budget_mb=BUDGET_RSS_MB,
        note=f"server RSS; {len(errors)} errors; {cpu_note}",
    )
    common.emit(
        f"{what}, p90 page",
        args.scale,
        rows=len(runs),
        seconds=p90,
        peak_mb=rss_peak,
        budget_s=BUDGET_P90_S,
        budget_mb=BUDGET_RSS_MB,
        note=f"server RSS; {waves[-1].rss_after[-1][1]:,.0f} MB {waves[-1].rss_after[-1][0]:.0f} s after",
    )


if __name__ == "__main__":
    sys.exit(main())

"""Two app processes (serve.py on two ports) reading one warehouse file behind nginx with sticky
sessions, as docs/deploy.md describes, and an import that changes the data under them: every
page run through the proxy keeps answering while the import runs, and both processes show the
new data at the next rerun of the same open session."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bench import bench_load as load

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)

pytestmark = pytest.mark.browser  # slow: real servers, like the browser tests

# The upstream part of docs/deploy.md's "Several app processes" (same hash key, same headers),
# with every path in the test's own directory.
NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx_error.log;
events {{ worker_connections 256; }}
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
        server 127.0.0.1:{port_a};
        server 127.0.0.1:{port_b};
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
            # Only for the test: which process answered.
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""

NEW_FILE = "petugas_proses_baru.csv"


@contextlib.contextmanager
def nginx(tmp: Path, port_a: int, port_b: int):
    port = load.free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, port_a=port_a, port_b=port_b))
    proc = subprocess.Popen(
        [NGINX, "-p", str(tmp), "-c", str(conf), "-g", "daemon off;"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"nginx did not start:\n{proc.stdout.read()}")
            time.sleep(0.2)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def upstream_of(url: str, cookie: str) -> str:
    """The app process nginx sends this session's requests to."""
    request = urllib.request.Request(f"{url}/_stcore/health", headers={"Cookie": f"{load.COOKIE}={cookie}"})
    with urllib.request.urlopen(request, timeout=10) as r:
        return r.headers["X-Upstream"]


def enumerator_file(path: Path) -> Path:
    header = "ID PETUGAS,NAMA PETUGAS,PERAN,KODE DESA,TANGGAL MULAI,TANGGAL SELESAI\n"
    path.write_text(header + "pk-proses-1,Petugas Uji Proses,Pendata,,,\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def deployment(demo_accounts_db, tmp_path_factory):
    if NGINX is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    tmp = tmp_path_factory.mktemp("deploy")
    warehouse = tmp / "peta_kesos.duckdb"
    shutil.copy(demo_accounts_db, warehouse)
    with (
        load.serve(warehouse, log=tmp / "a.log") as (url_a, _),
        load.serve(warehouse, log=tmp / "b.log") as (url_b, _),
        nginx(tmp, int(url_a.rsplit(":", 1)[1]), int(url_b.rsplit(":", 1)[1])) as url,
    ):
        yield url, {url_a.removeprefix("http://"), url_b.removeprefix("http://")}, warehouse


def test_two_processes_behind_nginx_keep_answering_and_show_an_import(deployment, demo_password, tmp_path):
    url, processes, warehouse = deployment
    # Sign in (through the proxy) until there is a session on each process.
    by_process: dict[str, str] = {}
    for _ in range(20):
        cookie = load.sign_in(url, "demo-admin", demo_password)
        by_process.setdefault(upstream_of(url, cookie), cookie)
        if len(by_process) == 2:
            break
    assert set(by_process) == processes
    # Sticky: every request of a session goes to the same process.
    for process, cookie in by_process.items():
        assert {upstream_of(url, cookie) for _ in range(5)} == {process}

    file = enumerator_file(tmp_path / NEW_FILE)

    async def scenario():
        sessions = [load.Session(url, cookie, collect=True) for cookie in by_process.values()]
        # "" is the account's first page: the data import page, with the import history, for the admin.
        async with contextlib.AsyncExitStack() as stack:
            for s in sessions:
                await stack.enter_async_context(s.connected())
            before = [await s.run("") for s in sessions]
            importing = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "warehouse", "import", "petugas", str(file), "--db", str(warehouse), cwd=ROOT
            )
            during = []
            while importing.returncode is None:
                during += await asyncio.gather(*(s.run("") for s in sessions))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(importing.wait(), 0.1)
            after = [await s.run("") for s in sessions]
            return before, during, importing.returncode, after

    before, during, code, after = asyncio.run(scenario())
    assert code == 0
    for run in before:
        assert run.error is None and run.text and NEW_FILE not in run.text
    # Every run while the import wrote answered, without an error.
    assert during and all(r.error is None for r in during), [r.error for r in during]
    # The next rerun of each open session, on each process, shows the import.
    for run in after:
        assert run.error is None and NEW_FILE in run.text

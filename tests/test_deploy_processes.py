"""Two app processes (serve.py on two ports) reading one warehouse file behind nginx with sticky
sessions, as docs/deploy.md describes, and an import that changes the data under them: every
page run through the proxy keeps answering while the import runs, and both processes show the
new data at the next rerun of the same open session."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench import bench_load as load

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.browser  # slow: real servers, like the browser tests

NEW_FILE = "petugas_proses_baru.csv"


def enumerator_file(path: Path) -> Path:
    header = "ID PETUGAS,NAMA PETUGAS,PERAN,KODE DESA,TANGGAL MULAI,TANGGAL SELESAI\n"
    path.write_text(header + "pk-proses-1,Petugas Uji Proses,Pendata,,,\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def deployment(demo_accounts_db, tmp_path_factory):
    if load.NGINX is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    tmp = tmp_path_factory.mktemp("deploy")
    warehouse = tmp / "peta_kesos.duckdb"
    shutil.copy(demo_accounts_db, warehouse)
    with contextlib.ExitStack() as stack:
        # The two processes start at once (each waits until it answers).
        servers = [load.serve(warehouse, log=tmp / f"{name}.log") for name in "ab"]
        with ThreadPoolExecutor(len(servers)) as pool:
            started = [pool.submit(server.__enter__) for server in servers]
        for server, start in zip(servers, started, strict=True):
            if start.exception() is None:
                stack.push(server.__exit__)
        (url_a, _), (url_b, _) = (start.result() for start in started)
        url = stack.enter_context(load.proxy(tmp, [url_a, url_b]))
        yield url, {url_a.removeprefix("http://"), url_b.removeprefix("http://")}, warehouse


def test_two_processes_behind_nginx_keep_answering_and_show_an_import(deployment, demo_password, tmp_path):
    url, processes, warehouse = deployment
    # Sign in (through the proxy) until there is a session on each process.
    by_process: dict[str, str] = {}
    for _ in range(20):
        cookie = load.sign_in(url, "demo-admin", demo_password)
        by_process.setdefault(load.upstream_of(url, cookie), cookie)
        if len(by_process) == 2:
            break
    assert set(by_process) == processes
    # Sticky: every request of a session goes to the same process.
    for process, cookie in by_process.items():
        assert {load.upstream_of(url, cookie) for _ in range(5)} == {process}

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

"""Server time of every page registered in app.py (AppTest), first visit and warm rerun, on the demo.

    .venv/bin/python bench/bench_pages.py [--scale 10] [--db DEMO] [--runs 3] [--pages overview,six_t]
        [--scope KODE,...] [--quick]

The pages are read from the ANALYSIS and DATA lists of app.py (a page added there is benched
without touching this file). Each page runs in a fresh AppTest session, signed in with the
first role of domain/roles.py that may open it (``kepala`` for the aggregate pages), the
sidebar at its defaults:

- *first visit*: the first run of a new session straight onto the page, every Streamlit cache
  of the process cleared before (``st.cache_data``, ``st.cache_resource``: what a page visit
  after a new warehouse file or a server start meets). The modules the pages import are
  imported once beforehand, as a running server has them; imports a page makes lazily are
  counted.
- *warm*: the median of ``--runs`` reruns of the same session after it (a widget change that
  leaves the data as it is, or a second visit).

Budgets (issue 14): first visit < 4 s, warm < 1 s at scale 10. The reference is a page that
writes one line of text, measured in the same run (its cold and warm runs). Each page also
reports the rows its first visit read into Python (every ``queries.run`` result, counted; the
issue's limit is about 10,000) and the process's peak memory during the first visit.

The warehouse is the real demo at ``--scale`` (``python -m warehouse demo``, about two minutes
and 2 GB at scale 10), built into a temporary file unless ``--db`` names one already built at
that scale. ``--quick``: scale 1, one warm run.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

import queries  # noqa: E402
from bench import common  # noqa: E402
from domain import roles  # noqa: E402
from ui import auth  # noqa: E402
from warehouse import db, demo, users  # noqa: E402

APP = ROOT / "app.py"
REFERENCE_APP = "import streamlit as st\nst.write('reference')\n"
FIRST_VISIT_S, WARM_S = 4.0, 1.0
ROW_LIMIT = 10_000


def registered_pages(app: Path = APP) -> list[tuple[str, str]]:
    """(page file, permission constant's name) of every page in app.py's ANALYSIS and DATA lists."""
    tree = ast.parse(app.read_text(encoding="utf-8"))
    pages = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) in ("ANALYSIS", "DATA") for t in node.targets):
            for entry in node.value.elts:
                file, *_, permission = entry.elts
                pages.append((file.value, permission.attr))
    return pages


def role_for(permission_name: str) -> str:
    """The first role (domain/roles.py order) with the permission."""
    permission = getattr(roles, permission_name)
    return next(role for role in roles.ROLES if roles.may(role, permission))


def import_page_modules(pages: list[str]) -> None:
    """Import what app.py and the pages import at their top, as a serving process already has."""
    for file in [APP.name, *pages]:
        for node in ast.parse((ROOT / file).read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    importlib.import_module(alias.name)
            elif isinstance(node, ast.ImportFrom) and node.module:
                module = importlib.import_module(node.module)
                for alias in node.names:
                    if not hasattr(module, alias.name):
                        importlib.import_module(f"{node.module}.{alias.name}")


class RowCounter:
    """Counts the rows every queries.run and queries.run_arrow returns (what a page reads into
    Python), and the seconds of each query."""

    def __init__(self) -> None:
        self.rows = 0
        self.largest = (0, "")
        self.seconds: dict[str, float] = {}
        self._run, self._run_arrow = queries.run, queries.run_arrow

    def slowest(self) -> str:
        name = max(self.seconds, key=self.seconds.get, default=None)
        return f"{name} {self.seconds[name]:.2f} s" if name else "-"

    def _counted(self, run):
        def counted(con, name, **params):
            start = time.perf_counter()
            out = run(con, name, **params)
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start
            n = len(out) if hasattr(out, "__len__") else 0
            self.rows += n
            self.largest = max(self.largest, (n, name))
            return out

        return counted

    def __enter__(self):
        queries.run, queries.run_arrow = self._counted(self._run), self._counted(self._run_arrow)
        return self

    def __exit__(self, *exc) -> None:
        queries.run, queries.run_arrow = self._run, self._run_arrow


def scan_components_once() -> None:
    """Each new AppTest scans every installed package's metadata for Streamlit components (about
    0.3 s of CPU); a server does it once, at its start. Every session here reuses the first scan
    (as tests/conftest.py does)."""
    from streamlit.components.v2 import manifest_scanner

    found = manifest_scanner.scan_component_manifests()
    manifest_scanner.scan_component_manifests = lambda max_workers=None: list(found)


def clear_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()


def visit(page: str | None, role: str, scope: tuple[str, ...] | None, runs: int, source: str | None = None):
    """(first-visit seconds, median warm seconds, their CPU seconds, peak MB of the first visit, rows
    counter, error)."""
    at = (
        AppTest.from_string(source, default_timeout=600) if source else AppTest.from_file(str(APP), default_timeout=600)
    )
    at.session_state[auth.PRESET_KEY] = auth.Session.of(users.Account("bench", role), scope)
    if page:
        at.switch_page(page)
    clear_caches()
    common.reset_peak()
    with RowCounter() as counter:
        start, start_cpu = time.perf_counter(), time.process_time()
        at.run()
        first, first_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    peak = common.peak_rss_mb()
    if at.exception:
        return (first, first_cpu), None, peak, counter, str(at.exception[0].value).splitlines()[0][:120]
    warm, warm_cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        at.run()
        warm.append(time.perf_counter() - start)
        warm_cpu.append(time.process_time() - start_cpu)
    error = str(at.exception[0].value).splitlines()[0][:120] if at.exception else None
    return (first, first_cpu), (statistics.median(warm), statistics.median(warm_cpu)), peak, counter, error


def bench(path: Path, scale: float, runs: int, wanted: set[str], scope: tuple[str, ...] | None) -> int:
    os.environ[db.DB_ENV] = str(path)
    pages = [(f, p) for f, p in registered_pages() if not wanted or Path(f).stem in wanted]
    import_page_modules([f for f, _ in pages])
    scan_components_once()
    visit(None, "kepala", None, 1, REFERENCE_APP)  # AppTest's own first start, in no page's time
    (ref_first, _), (ref_warm, _), *_ = visit(None, "kepala", None, runs, REFERENCE_APP)
    print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; warehouse {path} (scale {scale:g})")
    print(f"reference page (one line of text): first {ref_first * 1000:.1f} ms, warm {ref_warm * 1000:.1f} ms")
    print(
        f"{'page':<12} {'role':<10} {'first s':>8} {'cpu s':>6} {'warm s':>7} {'cpu s':>6} {'peak MB':>8} {'rows':>9}"
        "  largest query; slowest query  (cpu: the process's CPU seconds, every thread)"
    )
    failed = 0
    for file, permission in pages:
        name, role = Path(file).stem, role_for(permission)
        (first, first_cpu), warm, peak, counter, error = visit(file, role, scope, runs)
        warm_s, warm_cpu = warm or (float("nan"), float("nan"))
        largest = f"{counter.largest[0]:,} {counter.largest[1]}"
        print(
            f"{name:<12} {role:<10} {first:>8.2f} {first_cpu:>6.2f} {warm_s:>7.2f} {warm_cpu:>6.2f} {peak:>8.0f}"
            f" {counter.rows:>9,}  {largest}; {counter.slowest()} of {sum(counter.seconds.values()):.2f} s in"
            f" {len(counter.seconds)} queries" + (f"  EXCEPTION: {error}" if error else ""),
            flush=True,
        )
        failed += bool(error)
        note = f"{role}; cpu {first_cpu:.2f} s; largest read {largest}; slowest {counter.slowest()}"
        note += "; OVER 10,000 rows" if counter.largest[0] > ROW_LIMIT else ""
        if error:
            note = f"{role}; EXCEPTION: {error}"
        common.emit(
            f"page: {name} (first visit, AppTest)",
            scale,
            rows=counter.rows,
            seconds=first,
            reference_s=ref_first,
            peak_mb=peak,
            budget_s=FIRST_VISIT_S,
            note=note,
        )
        if warm is not None:
            common.emit(
                f"page: {name} (warm rerun, AppTest)",
                scale,
                seconds=warm_s,
                reference_s=ref_warm,
                budget_s=WARM_S,
                note=f"{role}; cpu {warm_cpu:.2f} s; median of {runs}",
            )
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    common.add_arguments(parser, default_scale=10)
    parser.add_argument("--db", type=Path, help="a demo warehouse already built at --scale")
    parser.add_argument("--runs", type=int, default=3, help="warm reruns per page (default 3)")
    parser.add_argument("--pages", default="", help="page file stems, comma-separated (default: every page)")
    parser.add_argument("--scope", help="kelurahan codes, comma-separated (default: no limit)")
    args = parser.parse_args()
    scale = 1 if args.quick else args.scale
    runs = 1 if args.quick else args.runs
    wanted = {p.strip() for p in args.pages.split(",") if p.strip()}
    scope = tuple(args.scope.split(",")) if args.scope else None
    if args.db:
        return bench(args.db, scale, runs, wanted, scope)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.duckdb"
        start = time.perf_counter()
        with db.atomic_build(path) as con:
            demo.build(con, scale=int(scale))
        print(f"demo at scale {scale:g} built in {time.perf_counter() - start:.0f} s")
        return bench(path, scale, runs, wanted, scope)


if __name__ == "__main__":
    sys.exit(main())

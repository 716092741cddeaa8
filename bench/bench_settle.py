"""A widget change until the page settles, in a real browser (issue 18.7): budget 1 s warm.

    .venv/bin/python bench/bench_settle.py [--changes 5] [--db DEMO] [--scale 1] [--quick]

Chromium (Playwright, Debian's chromium as in the tests) signs in as the agency head on the
real server (serve.py on a demo warehouse with its demo accounts, as bench/bench_load.py
starts it) and, on each page, changes one widget back and forth: the map's classification on
the overview (``overview_scheme``), the 6T indicator of the 6T map (``six_t_measure``) and the
TRC response target on the PMKS page (``pmks_target``, its + button: each change a new target).

Each change is timed in the page itself, from the pointer going down on the widget to:

- *settled*: the app's script state (``data-test-script-state`` of ``stApp``) went to
  ``running`` and back to ``notRunning``: the rerun (the whole page, or only its fragment)
  finished and its last element arrived;
- *quiet*: the last change of the page's DOM before 400 ms without any (what the eye sees
  as done: every element updated; component iframes such as the folium map draw on after
  their own messages, and are not counted).

The first change of each widget is printed apart (its caches may be cold); the budget is on
the median of the warm ones.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from bench.bench_load import CHROMIUM, demo_warehouse, serve  # noqa: E402

BUDGET_S = 1.0
SETTLE_TIMEOUT_MS = 120_000

# (name, url path, widget key, the two controls clicked in turn: CSS inside the widget)
CASES = [
    ("overview: classification", "", "overview_scheme", ("button >> nth=1", "button >> nth=0")),
    ("6T: indicator", "six_t", "six_t_measure", ("button >> nth=2", "button >> nth=0")),
    (
        "PMKS: TRC target",
        "pmks",
        "pmks_target",
        # Up each time: every change is a target not seen before, whose figures are computed
        # (back and forth would time the cached figures of the two targets).
        ("[data-testid=stNumberInputStepUp]", "[data-testid=stNumberInputStepUp]"),
    ),
]

WATCH = """() => {
    const app = document.querySelector('[data-testid=stApp]');
    window.__pk = {click: null, states: [], lastMutation: 0};
    document.addEventListener('pointerdown', () => {
        window.__pk.click = performance.now();
        window.__pk.states = [];
    }, true);
    new MutationObserver(() => {
        window.__pk.states.push([performance.now(), app.dataset.testScriptState]);
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    new MutationObserver(() => { window.__pk.lastMutation = performance.now(); })
        .observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}"""

# After the click: running seen, then notRunning, then 400 ms of a quiet DOM.
SETTLED = """() => {
    const pk = window.__pk;
    if (pk.click === null) return false;
    const i = pk.states.findIndex(([, v]) => v !== 'notRunning');
    if (i < 0) return false;
    const done = pk.states.slice(i).find(([, v]) => v === 'notRunning');
    return done !== undefined && performance.now() - Math.max(pk.lastMutation, done[0]) > 400;
}"""

FIGURES = """() => {
    const pk = window.__pk;
    const i = pk.states.findIndex(([, v]) => v !== 'notRunning');
    const done = pk.states.slice(i).find(([, v]) => v === 'notRunning');
    return [(done[0] - pk.click) / 1000, (Math.max(pk.lastMutation, done[0]) - pk.click) / 1000];
}"""

IDLE = "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'"


def log_in(page, url: str, password: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.locator("#pk-nama").wait_for(timeout=SETTLE_TIMEOUT_MS)
    page.fill("#pk-nama", "demo-kepala")
    page.fill("#pk-sandi", password)
    with page.expect_navigation():
        page.click("form[action='/api/login'] button")
    page.wait_for_function(IDLE, timeout=SETTLE_TIMEOUT_MS)


def change(page, widget: str, control: str) -> tuple[float, float]:
    """(settled, quiet) seconds of one click on ``control`` inside the widget ``widget``."""
    page.evaluate("() => { window.__pk.click = null; window.__pk.states = []; }")
    page.locator(f".st-key-{widget}").locator(control).click()
    page.wait_for_function(SETTLED, timeout=SETTLE_TIMEOUT_MS, polling=50)
    settled, quiet = page.evaluate(FIGURES)
    return settled, quiet


def measure_case(page, url: str, path: str, widget: str, controls: tuple[str, str], changes: int):
    page.goto(f"{url}/{path}", wait_until="domcontentloaded")
    page.wait_for_function(IDLE, timeout=SETTLE_TIMEOUT_MS)
    page.locator(f".st-key-{widget}").wait_for(timeout=SETTLE_TIMEOUT_MS)
    page.evaluate(WATCH)
    first = change(page, widget, controls[0])
    warm = [change(page, widget, controls[(i + 1) % 2]) for i in range(changes)]
    return first, warm


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=5, help="warm changes per widget (default 5)")
    parser.add_argument("--db", type=Path, help="a demo warehouse to copy instead of building one")
    common.add_arguments(parser)
    args = parser.parse_args()
    if args.quick:
        args.changes = 2
    if not CHROMIUM:
        print("chromium is not installed: nothing to measure")
        return 0
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        warehouse, password = demo_warehouse(Path(tmp), int(args.scale), args.db)
        with serve(warehouse) as (url, _), sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
            )
            try:
                page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
                log_in(page, url, password)
                for name, path, widget, controls in CASES:
                    started = time.perf_counter()
                    try:
                        first, warm = measure_case(page, url, path, widget, controls, args.changes)
                    except Exception as exc:  # a widget not found, a page that never settles: say so
                        print(f"{name}: failed after {time.perf_counter() - started:.0f} s: {exc}".splitlines()[0])
                        continue
                    rows.append((name, first, warm))
            finally:
                browser.close()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[1]:.1f} over the last 5 minutes")
    print(
        f"{'widget change':<26} {'first settled':>13} {'warm settled median':>20} {'max':>6} {'warm quiet median':>18}"
    )
    for name, first, warm in rows:
        settled = statistics.median(s for s, _ in warm)
        quiet = statistics.median(q for _, q in warm)
        print(
            f"{name:<26} {first[0]:>12.2f}s {settled:>19.2f}s {max(s for s, _ in warm):>5.2f}s {quiet:>17.2f}s"
            f"   {'within' if settled < BUDGET_S else 'OVER'} {BUDGET_S:g} s"
        )
        common.emit(
            f"settle: {name} (Chromium, warm)",
            args.scale,
            seconds=settled,
            budget_s=BUDGET_S,
            note=f"first {first[0]:.2f} s; DOM quiet {quiet:.2f} s; {len(warm)} changes",
        )
    return 0 if len(rows) == len(CASES) else 1


if __name__ == "__main__":
    sys.exit(main())

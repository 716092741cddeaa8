"""bench/run_all.py: the one-command benchmark runs a real bench and prints its table; the
adapters read what today's benches print; bench/common.py's result line goes there and back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench import common, run_all
from bench.common import Result

ROOT = Path(__file__).resolve().parent.parent


def test_quick_run_of_one_bench_prints_the_table():
    done = subprocess.run(
        [sys.executable, "bench/run_all.py", "--quick", "--only", "allocation"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == [
        "bench",
        "entry",
        "point",
        "/",
        "page",
        "scale",
        "rows",
        "time",
        "reference",
        "ratio",
        "peak",
        "MB",
        "budget",
        "met",
        "note",
    ]
    rows = [line for line in lines[2:] if line.startswith("allocation")]
    # Batam only in quick mode: the MILP and the rolling plan with no cap, a cap of 4 and of 1.
    assert [r.split("  ")[1].strip() for r in rows] == [
        "allocate, MILP with constraints (64 units)",
        "rolling_schedule, cap - (64 units)",
        "rolling_schedule, cap 4 (64 units)",
        "rolling_schedule, cap 1 (64 units)",
    ]
    for r in rows:
        assert " 64 " in r and "< 1.00 s" in r and " ms " in r
    assert "1 benches in" in done.stdout


def test_every_bench_is_joined_or_adapted():
    for path in run_all.discover():
        assert run_all.joined(path) or run_all.bench_name(path) in run_all.ADAPTERS, path.name


def test_result_line_goes_there_and_back(capsys):
    sent = common.emit("x", 10, rows=5, seconds=1.5, reference_s=0.5, peak_mb=300.0, budget_s=2.0, budget_mb=200.0)
    out = capsys.readouterr().out
    assert out.startswith("BENCH {")
    assert common.parse("other line\n" + out) == [sent]
    assert sent.ratio == 3.0
    # The time is within its budget, the memory is not.
    assert sent.met is False
    assert Result("y", seconds=1.0, budget_s=2.0).met is True
    assert Result("z", seconds=1.0).met is None


def test_adapters_read_todays_output():
    demo = """scale         rows   build s   size MB  reference s   ratio
    1    1,706,559      26.8      96.2         1.42   18.9x
"""
    assert run_all.parse_demo(demo, 1) == [
        Result(
            "demo build (warehouse.demo)",
            1,
            1_706_559,
            26.8,
            1.42,
            budget_s=30.0,
            note="96 MB file; reference: range() rows",
        )
    ]
    six_t = """scale  distributions  build s  duckdb s  cpu s  pandas s   ratio  equal   (pandas read-out s, chunks)
   10      5,013,690     41.0      1.52   2.80     30.50   20.1x   True   (3.2, 1)
"""
    assert run_all.parse_six_t(six_t, 10) == [
        Result(
            "six_t_units (6T of every distribution)",
            10,
            5_013_690,
            1.52,
            30.5,
            budget_s=2.0,
            note="distributions; reference: pandas; equal True",
        )
    ]
    coverage = """scale     members  build s  duckdb s  pandas s   load s pandas/duckdb  equal
    1     260,113      9.1     0.120     0.840      0.4          7.0x  True
"""
    assert run_all.parse_coverage(coverage, 1) == [
        Result(
            "coverage_units + coverage_levels",
            1,
            260_113,
            0.12,
            0.84,
            budget_s=1.0,
            note="members; reference: pandas; equal True",
        )
    ]
    imported = """  rows: 20,066 read, 19,870 loaded, 196 quarantined
  import with validation:          3.10 s  (6,473 rows/s; budget 30 s per 1M rows)
  reference duckdb read_csv:       0.20 s  (20,066 rows, no checks)
  peak RSS of the import:           380 MB  (95.00 x the file; budget 2 x file + 400 MB = 408 MB)
"""
    assert run_all.parse_import(imported, 0.2) == [
        Result(
            "import dtks (SIKS-NG CSV)",
            0.2,
            20_066,
            3.1,
            0.2,
            380.0,
            budget_s=30.0 * 20_066 / 1e6,
            budget_mb=408.0,
            note="reference: DuckDB read_csv, no checks",
        )
    ]


def test_a_failed_bench_is_a_row_of_the_table():
    failed = run_all.Outcome("broken", [], 1, 3.0, 100.0, "", "Traceback\nValueError: no data", "adapter")
    text = run_all.table([failed])
    assert "broken  FAILED (exit 1, 3 s): ValueError: no data" in text


def test_the_pages_bench_covers_every_page_of_the_app():
    from bench import bench_pages

    pages = bench_pages.registered_pages()
    assert [(file, bench_pages.role_for(permission)) for file, permission in pages] == [
        ("app_pages/overview.py", "kepala"),
        ("app_pages/kelurahan.py", "kepala"),
        ("app_pages/planner.py", "perencana"),
        ("app_pages/six_t.py", "kepala"),
        ("app_pages/pmks.py", "kepala"),
        ("app_pages/register.py", "kepala"),
        ("app_pages/pendataan.py", "kepala"),
        ("app_pages/eksklusi.py", "kepala"),
        ("app_pages/admin.py", "operator"),
        ("app_pages/users.py", "admin"),
    ]
    assert sorted(file for file, _ in pages) == sorted(f"app_pages/{p.name}" for p in (ROOT / "app_pages").glob("*.py"))


def test_the_demo_warehouse_goes_to_the_benches_that_take_one():
    names = {run_all.bench_name(p): p for p in run_all.discover()}
    for name in run_all.TAKES_DEMO_DB:
        assert run_all.joined(names[name]) and '"--db"' in names[name].read_text(encoding="utf-8"), name

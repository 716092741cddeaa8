-- Read by bench/bench_coverage.py::build.
-- Parameters: $cycle, $old, $start, $target.
-- Output: none (inserts the old cycle $old and the cycle $cycle from $start to $target).
insert into verivali_siklus values ($old, 'Siklus 2025', '2025-01-06', '2025-12-31'), ($cycle, 'Siklus 2026-1', $start, $target)

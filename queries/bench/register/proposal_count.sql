-- Read by bench/bench_register.py::bench.
-- Parameters: none.
-- Output: one row: number of proposals.
select count(*) from usulan

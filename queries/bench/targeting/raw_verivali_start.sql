-- Read by bench/bench_targeting.py::module.
-- Parameters: none.
-- Output: one row: the first verivali date (first).
select min(tanggal) as first from verivali

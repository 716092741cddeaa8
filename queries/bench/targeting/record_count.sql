-- Read by bench/bench_targeting.py::bench.
-- Parameters: none.
-- Output: one row: number of pendataan records.
select count(*) from pendataan_catatan

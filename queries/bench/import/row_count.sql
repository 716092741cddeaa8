-- Read by bench/bench_import.py::run.
-- Parameters: none.
-- Output: one row: number of rows of t.
select count(*) from t

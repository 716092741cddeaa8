-- Read by bench/bench_register.py::read_tables.
-- Parameters: none.
-- Output: every row of pkh_graduasi.
select * from pkh_graduasi

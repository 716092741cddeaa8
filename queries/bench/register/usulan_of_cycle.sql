-- Read by bench/bench_register.py::read_tables.
-- Parameters: $s.
-- Output: every proposal of cycle $s, every column of usulan.
select * from usulan where siklus = $s

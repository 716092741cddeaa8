-- Read by bench/bench_import.py::run.
-- Parameters: $p.
-- Output: none (table t: the CSV file $p read by DuckDB's own reader, for comparison).
create table t as select * from read_csv($p, delim = ';', header = true, all_varchar = true)

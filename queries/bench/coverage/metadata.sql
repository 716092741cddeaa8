-- Read by bench/bench_coverage.py::build.
-- Parameters: $d.
-- Output: none (inserts the data date $d).
insert into metadata values ('tanggal_data', $d)

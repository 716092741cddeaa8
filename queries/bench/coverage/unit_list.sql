-- Read by bench/bench_coverage.py::build.
-- Parameters: none.
-- Output: none (temp table unit_list: i, the 0-based rank of each kelurahan by kode, and kode).
create temp table unit_list as select row_number() over (order by kode) - 1 as i, kode from wilayah where level = 'kelurahan'

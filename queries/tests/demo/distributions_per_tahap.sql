-- Read by tests/test_demo.py::test_magnitudes_at_scale_1.
-- Parameters: none.
-- Output: one row per programme: kode_program, median number of distributions per tahap.
select kode_program, median(n) from (select kode_program, tahap, count(*) as n from bansos_penyaluran group by all) group by all

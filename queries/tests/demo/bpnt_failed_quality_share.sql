-- Read by tests/test_demo.py::test_six_t_failures_have_a_pattern.
-- Parameters: none.
-- Output: one row: share (0-1) of BPNT distributions that failed the quality check.
select avg(case when not lolos_kualitas then 1 else 0 end) from bansos_penyaluran where kode_program = 'BPNT'

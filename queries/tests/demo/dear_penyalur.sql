-- Read by tests/test_demo.py::test_six_t_failures_have_a_pattern.
-- Parameters: none.
-- Output: one row per BPNT penyalur charging above the reference price in more than 30 % of distributions: id_penyalur.
select id_penyalur from bansos_penyaluran as d inner join bansos_tahap as t using (kode_program, tahap)
where d.kode_program = 'BPNT' group by 1 having avg(case when harga_dibayar > harga_acuan then 1 else 0 end) > 0.3

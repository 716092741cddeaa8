-- Read by tests/test_demo.py::test_six_t_failures_have_a_pattern.
-- Parameters: none.
-- Output: one row per kelurahan where more than a fifth of distributions were cut: kode_kelurahan.
select kode_kelurahan from bansos_penyaluran group by 1
having avg(case when nilai_diterima < nilai_hak then 1 else 0 end) > 0.2

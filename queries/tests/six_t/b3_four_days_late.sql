-- Read by tests/test_six_t.py::test_programme_grace_days_apply_without_an_override.
-- Parameters: none.
-- Output: none (b3 paid on 2026-02-04).
update bansos_penyaluran set tanggal_salur = '2026-02-04' where id_penyaluran = 'b3'

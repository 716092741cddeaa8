-- Read by tests/test_agency_import.py::test_a_20_digit_amount_is_quarantined_not_a_traceback.
-- Parameters: none.
-- Output: distribution d4: nilai_diterima (rupiah).
select nilai_diterima from bansos_penyaluran where id_penyaluran = 'd4'

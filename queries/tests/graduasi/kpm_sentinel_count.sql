-- Read by tests/test_graduasi.py::test_a_graduation_list_import_refreshes_what_a_full_refresh_would.
-- Parameters: none.
-- Output: one row: the rows of pkh_keluar_kpm in kelurahan 00.00.00.0000 (the sentinel).
select count(*) from pkh_keluar_kpm where kode_kelurahan = '00.00.00.0000'

-- Read by tests/test_graduasi.py::test_a_graduation_list_import_refreshes_what_a_full_refresh_would.
-- Parameters: none.
-- Output: every row of pkh_keluar_kpm but the sentinel's (kelurahan 00.00.00.0000), sorted: its columns.
select * from pkh_keluar_kpm where kode_kelurahan <> '00.00.00.0000' order by all

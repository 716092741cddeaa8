-- Read by tests/test_agency_import.py::module.
-- Parameters: none.
-- Output: one row per household D1, D2: id_dtks, no_kk, kode_kelurahan, alamat, rt, rw, flag_pkh, flag_bpnt, flag_pbi_jkn, status.
select id_dtks, no_kk, kode_kelurahan, alamat, rt, rw, flag_pkh, flag_bpnt, flag_pbi_jkn, status from dtks_keluarga where id_dtks in ('D1', 'D2') order by id_dtks

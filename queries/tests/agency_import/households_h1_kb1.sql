-- Read by tests/test_agency_import.py::test_proposal_template_joins_known_households_by_kk.
-- Parameters: none.
-- Output: households h1 and KB-00000001 by id_dtks: id_dtks, kode_kelurahan, flag_pkh, flag_bpnt, flag_pbi_jkn, desil.
select id_dtks, kode_kelurahan, flag_pkh, flag_bpnt, flag_pbi_jkn, desil from dtks_keluarga where id_dtks in ('h1', 'KB-00000001') order by id_dtks

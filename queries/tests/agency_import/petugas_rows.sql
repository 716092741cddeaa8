-- Read by tests/test_agency_import.py::test_enumerators.
-- Parameters: none.
-- Output: every petugas by id: id_petugas, nama, peran, kode_kelurahan_asal, aktif_mulai (text).
select id_petugas, nama, peran, kode_kelurahan_asal, aktif_mulai::varchar from petugas order by id_petugas

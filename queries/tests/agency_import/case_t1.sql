-- Read by tests/test_agency_import.py::test_mapping_file_for_other_headers_and_values.
-- Parameters: none.
-- Output: case T1: id_kasus, kategori, sumber, waktu_lapor (text), kode_kelurahan, tahap.
select id_kasus, kategori, sumber, waktu_lapor::varchar, kode_kelurahan, tahap from pmks_kasus where id_kasus = 'T1'

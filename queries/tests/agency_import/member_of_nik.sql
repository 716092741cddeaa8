-- Read by tests/test_agency_import.py::test_an_export_without_a_column_keeps_the_stored_values.
-- Parameters: none.
-- Output: the member with NIK 9971011203800001: id_anggota, nama, status_padan, tanggal_lahir (text), hubungan.
select id_anggota, nama, status_padan, tanggal_lahir::varchar, hubungan from dtks_anggota where nik = '9971011203800001'

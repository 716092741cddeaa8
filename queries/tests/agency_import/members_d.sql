-- Read by tests/test_agency_import.py::module.
-- Parameters: none.
-- Output: one row per member of households D1 and D2 by id_anggota: id_anggota, id_dtks, nik, nama, tanggal_lahir (text), jenis_kelamin, hubungan, status_padan.
select id_anggota, id_dtks, nik, nama, tanggal_lahir::varchar, jenis_kelamin, hubungan, status_padan from dtks_anggota where id_dtks in ('D1', 'D2') order by id_anggota

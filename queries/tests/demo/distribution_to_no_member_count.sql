-- Read by tests/test_demo.py::test_every_record_points_at_a_kelurahan.
-- Parameters: none.
-- Output: one row: distributions whose recipient NIK is no member of the household.
select count(*) from bansos_penyaluran as d where not exists (select 1 from dtks_anggota as a where a.id_dtks = d.id_dtks and a.nik = d.nik_penerima)

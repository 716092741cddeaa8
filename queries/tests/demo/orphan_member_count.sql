-- Read by tests/test_demo.py::test_every_record_points_at_a_kelurahan.
-- Parameters: none.
-- Output: one row: members of no household.
select count(*) from dtks_anggota where id_dtks not in (select id_dtks from dtks_keluarga)

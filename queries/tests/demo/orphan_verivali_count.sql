-- Read by tests/test_demo.py::test_every_record_points_at_a_kelurahan.
-- Parameters: none.
-- Output: one row: verivali stages of no household.
select count(*) from verivali where id_dtks not in (select id_dtks from dtks_keluarga)

-- Read by tests/test_demo_national.py::test_households_members_and_their_region_keys.
-- Parameters: none.
-- Output: one row: number of households.
select count(*) from dtks_keluarga

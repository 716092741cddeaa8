-- Read by tests/test_demo_national.py::test_households_members_and_their_region_keys.
-- Parameters: $t (a table with kode_kelurahan).
-- Output: one row: rows of $t whose kode_kelurahan is no kelurahan.
select count(*) from query_table($t) where kode_kelurahan not in (select kode from wilayah where level = 'kelurahan')

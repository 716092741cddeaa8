-- Read by tests/test_demo_national.py::test_households_members_and_their_region_keys.
-- Parameters: $t (dtks_anggota or verivali).
-- Output: one row: rows of $t whose kode_kelurahan is not their household's.
select count(*) from query_table($t) as t join dtks_keluarga as k using (id_dtks)
where t.kode_kelurahan is distinct from k.kode_kelurahan

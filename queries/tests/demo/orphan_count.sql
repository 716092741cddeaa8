-- Read by tests/test_demo.py::test_every_record_points_at_a_kelurahan.
-- Parameters: $t.
-- Output: one row: rows of table $t whose kode_kelurahan is no kelurahan.
select count(*) from query_table($t) as r
where r.kode_kelurahan not in (select kode from wilayah where level = 'kelurahan')

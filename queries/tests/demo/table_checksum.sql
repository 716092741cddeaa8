-- Read by tests/test_demo.py::checksums.
-- Parameters: $t.
-- Output: one row: md5 of the md5s of every row of table $t, independent of row order.
select md5(coalesce(string_agg(h, ',' order by h), '')) from (select md5(cast(r as varchar)) as h from query_table($t) as r)

-- Read by tests/test_demo.py::test_pmks_cases_are_plausible.
-- Parameters: $c.
-- Output: one row: cases whose kategori is not in $c.
select count(*) from pmks_kasus where kategori not in (select unnest($c))

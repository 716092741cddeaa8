-- Read by tests/test_demo_national.py::test_the_same_seed_gives_the_same_country.
-- Parameters: $t (a table).
-- Output: one row: the number of rows of $t and the sum of their hashes.
select count(*), sum(hash(t)) from (select * from query_table($t) order by all) as t

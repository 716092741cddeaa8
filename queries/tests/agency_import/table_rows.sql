-- Read by tests/test_agency_import.py (every_table and the tables an import touches).
-- Parameters: $t (a table name from the test's fixed list or the schema).
-- Output: every row of table $t.
select * from query_table($t)

-- Rows of one table.
-- Parameters: $table (table name, one of demo/tables).
-- Output: rows_count (number of rows), one row.
select count(*) as rows_count from query_table($table)

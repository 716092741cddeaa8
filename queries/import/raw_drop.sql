-- Drop the temp table of staged rows an import leaves on its connection.
-- No parameters. Output: none.
drop table if exists import_raw

-- Build the incremental analytics table {table} from the rows of the first chunk of kelurahan of
-- a full refresh (warehouse.db.refresh_analytics puts the table's name, taken from its file, in
-- place of {table}; queries/refresh/rows_insert.sql adds the other chunks).
-- Parameters: $kelurahan (list of kelurahan codes).
-- Output: none (replaces {table}).
create or replace table {table} as from {table}_rows(p_kelurahan := $kelurahan)

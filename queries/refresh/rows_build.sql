-- Build the incremental analytics table {table} whole from its macro {table}_rows (the table's
-- name, taken from its file, is put in place of {table} by warehouse.db.refresh_analytics).
-- Parameters: none.
-- Output: none (replaces {table}).
create or replace table {table} as from {table}_rows()

-- Delete the rows of the listed kelurahan from the incremental analytics table {table}
-- (warehouse.db.refresh_analytics puts the table's name, taken from its file, in place of
-- {table}; values stay bound). '' in the list stands for the rows without a kelurahan.
-- Parameters: $kelurahan (list of kelurahan codes).
-- Output: none (writes {table}).
delete from {table} where list_contains($kelurahan, coalesce(kode_kelurahan, ''))

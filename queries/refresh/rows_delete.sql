-- Delete the rows of the listed kelurahan from the incremental analytics table {table}
-- (warehouse.db.refresh_analytics puts the table's name, taken from its file, in place of
-- {table}; values stay bound). '' in the list stands for the rows without a kelurahan. The
-- kelurahan code is compared as it is stored (no function around it), so that the filter
-- reaches the table scan and only the row groups of those kelurahan are read.
-- Parameters: $kelurahan (list of kelurahan codes).
-- Output: none (writes {table}).
delete from {table}
where list_contains($kelurahan, kode_kelurahan)
    or (kode_kelurahan is null and list_contains($kelurahan, ''))

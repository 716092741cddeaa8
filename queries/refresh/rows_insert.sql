-- Insert the rows of the listed kelurahan into the incremental analytics table {table}, from its
-- macro {table}_rows (the same one the table is built from in full; the table's name is put in
-- place of {table} by warehouse.db.refresh_analytics, values stay bound).
-- Parameters: $kelurahan (list of kelurahan codes).
-- Output: none (writes {table}).
insert into {table} from {table}_rows(p_kelurahan := $kelurahan)

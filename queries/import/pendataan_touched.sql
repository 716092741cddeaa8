-- The desa/kelurahan whose incremental analytics rows (warehouse.db.refresh_analytics) the rows
-- of a pendataan file may change: none, no incremental analytics table reads pendataan_catatan
-- (an analytics file that does is refreshed whole by every import).
-- No parameters.
-- Output, no row: kode_kelurahan.
select cast(null as varchar) as kode_kelurahan
where false

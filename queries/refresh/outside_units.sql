-- Every kelurahan/desa of the warehouse with its display polygon (the one the overview's map
-- draws and the dwelling check has always judged on), for warehouse.imports.dwellings.
-- Parameters: none.
-- Output, one row per kelurahan/desa with a polygon, ordered by kode: kode, geom_display (WKB,
--   EPSG:4326).
with final as (
    select kode, geom_display
    from region_kelurahan(null)
    where geom_display is not null
)

select * from final
order by kode

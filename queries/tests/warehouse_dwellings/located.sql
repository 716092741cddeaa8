-- Read by tests/test_warehouse_dwellings.py: the input the overview judged in Python before the
-- table quality_outside (the former queries/quality_dwellings.sql), to compare the table with.
-- Parameters: $kode_region (kab/kota code, dotted).
-- Output, one row per active household of the region with dwelling coordinates, ordered by
--   id_dtks: id_dtks, kode_kelurahan, lon, lat (degrees, EPSG:4326).
with final as (
    select id_dtks, kode_kelurahan, lon, lat
    from dtks_keluarga
    where status = 'aktif'
        and lon is not null
        and lat is not null
        and starts_with(kode_kelurahan, $kode_region || '.')
)

select * from final
order by id_dtks

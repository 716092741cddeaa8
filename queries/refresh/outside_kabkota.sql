-- The kab/kota whose located households warehouse.imports.dwellings judges: those of the
-- listed kelurahan (all when null), one batch each (their units and the tolerance's neighbours).
-- Parameters: $kelurahan (varchar[]: kelurahan/desa codes, null for every household).
-- Output, one row per kab/kota, ordered: kode_kabkota (dotted code, 'PP.KK').
with final as (
    select distinct left(kode_kelurahan, 5) as kode_kabkota
    from dtks_keluarga
    where status = 'aktif'
        and lon is not null
        and lat is not null
        and regexp_full_match(kode_kelurahan, '[0-9]{2}\.[0-9]{2}\..*')
        and ($kelurahan is null or list_contains($kelurahan, kode_kelurahan))
)

select * from final
order by kode_kabkota

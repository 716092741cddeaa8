-- The kab/kota of the located active households, for a full judgement of warehouse.imports.dwellings
-- (one batch each: their units and the tolerance's neighbours; an incremental one takes the
-- kab/kota from the codes it is given).
-- Parameters: none.
-- Output, one row per kab/kota prefix, ordered: kode_kabkota (the first five characters of the
--   kelurahan code: 'PP.KK' for a Kemendagri code).
with final as (
    select distinct left(kode_kelurahan, 5) as kode_kabkota
    from dtks_keluarga
    where status = 'aktif'
        and lon is not null
        and lat is not null
)

select * from final
order by kode_kabkota

-- The kelurahan/desa codes a scoped account may see: the listed kelurahan and every kelurahan
-- of the listed kecamatan, sorted. Bind the result as one list parameter in other queries.
-- Parameters: $kode_kelurahan (list of kelurahan codes), $kode_kecamatan (list of kecamatan codes).
-- Output: kode (kelurahan/desa code).
with final as (
    select kode
    from wilayah
    where level = 'kelurahan'
        and (list_contains($kode_kelurahan, kode) or list_contains($kode_kecamatan, kode_induk))
    order by kode
)
select * from final

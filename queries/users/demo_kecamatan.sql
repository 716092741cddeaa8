-- The kecamatan of the warehouse by code (the demo's operator account is scoped to the first).
-- Parameters: none.
-- Output: kode (kecamatan code).
with final as (
    select kode
    from wilayah
    where level = 'kecamatan'
    order by kode
)
select * from final

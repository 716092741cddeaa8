-- Which of the given codes are units of the given level in the warehouse.
-- Parameters: $level ('kelurahan' or 'kecamatan'), $kode (list of codes).
-- Output: kode.
with final as (
    select kode
    from wilayah
    where level = $level and list_contains($kode, kode)
    order by kode
)
select * from final

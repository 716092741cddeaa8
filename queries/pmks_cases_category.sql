-- PMKS cases per kelurahan, category and source for a period and filter.
-- Parameters: $kode_region (kab/kota code, dotted), $kategori (list of category codes, or
--   null for all), $sumber (list of source codes, or null for all), $dari and $sampai
--   (report dates, inclusive, null for open-ended).
-- Output, one row per kelurahan, category and source with at least one case:
--   kode (kelurahan code), kategori, sumber, cases_count (cases).
with cases as (
    select kode_kelurahan, kategori, sumber
    from pmks_kasus
    where starts_with(kode_kelurahan, $kode_region || '.')
        and ($kategori is null or list_contains($kategori, kategori))
        and ($sumber is null or list_contains($sumber, sumber))
        and ($dari is null or cast(waktu_lapor as date) >= cast($dari as date))
        and ($sampai is null or cast(waktu_lapor as date) <= cast($sampai as date))
),

final as (
    select kode_kelurahan as kode, kategori, sumber, count(*) as cases_count
    from cases
    group by kode_kelurahan, kategori, sumber
)

select * from final
order by kode, kategori, sumber

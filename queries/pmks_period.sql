-- The span of the PMKS case reports of a region, for the page's default period.
-- Parameters: $kode_region (kab/kota code, dotted).
-- Output, one row: first_date and last_date (report dates, null without cases),
--   cases_count (all cases of the region).
with final as (
    select
        min(cast(waktu_lapor as date)) as first_date,
        max(cast(waktu_lapor as date)) as last_date,
        count(*) as cases_count
    from pmks_kasus
    where starts_with(kode_kelurahan, $kode_region || '.')
)

select * from final

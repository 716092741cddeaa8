-- pmks_harian: the PMKS cases counted per kelurahan x report day x category x source, built at
-- write time (warehouse.db.refresh_analytics), for the PMKS page's counts, maps, hot spots and
-- the hotspots export (macro pmks_harian_reported, 24_pmks_harian_reported.sql, filters it as
-- pmks_cases_reported filters the cases).
-- One row per kelurahan, day, category and source with at least one case: kode_kelurahan,
--   tanggal (report date, null when the case has no report time), kategori, sumber,
--   cases_count (cases), located_count (of them, cases with coordinates).
create or replace table pmks_harian as
with final as (
    select
        kode_kelurahan,
        cast(waktu_lapor as date) as tanggal,
        kategori,
        sumber,
        count(*) as cases_count,
        count(*) filter (where lon is not null and lat is not null) as located_count
    from pmks_kasus
    group by all
)

select * from final
order by kode_kelurahan, tanggal, kategori, sumber

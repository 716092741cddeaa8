-- pmks_harian: the PMKS cases counted per kelurahan x report day x category x source, built at
-- write time (warehouse.db.refresh_analytics), for the PMKS page's counts, maps, hot spots and
-- the hotspots export (macro pmks_days_reported, 24_pmks_days_reported.sql, filters it as
-- pmks_cases_reported filters the cases).
-- Incremental (warehouse.db.refresh_analytics): the macro pmks_harian_rows(p_kelurahan) gives the
-- rows of the listed kelurahan (null: all; '' in the list stands for the cases without a
-- kelurahan), the table is built from it.
-- Parameters of the macro: p_kelurahan (list of kelurahan codes, null for all).
-- One row per kelurahan, day, category and source with at least one case: kode_kelurahan,
--   tanggal (report date, null when the case has no report time), kategori, sumber,
--   cases_count (cases), located_count (of them, cases with coordinates).
create or replace macro pmks_harian_rows(p_kelurahan := null) as table
with final as (
    select
        kode_kelurahan,
        cast(waktu_lapor as date) as tanggal,
        kategori,
        sumber,
        count(*) as cases_count,
        count(*) filter (where lon is not null and lat is not null) as located_count
    from pmks_kasus
    where p_kelurahan is null or list_contains(p_kelurahan, coalesce(kode_kelurahan, ''))
    group by all
)

select * from final
order by kode_kelurahan, tanggal, kategori, sumber

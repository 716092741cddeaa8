-- pmks_respons: the TRC response times of the PMKS cases counted per kelurahan x report day x
-- category x source x report hour x exact response time, built at write time
-- (warehouse.db.refresh_analytics), so that the PMKS page computes the median, the 90th
-- percentile and the share within any target in SQL (queries/pmks_response.sql) without the
-- cases. The response time is kept exact (not binned): the figures are those of the cases.
-- One row per kelurahan, day, category, source, hour, answered flag and response time with at
--   least one case: kode_kelurahan, tanggal (report date), kategori, sumber, jam (report hour
--   0-23, local time: the shift is derived from it), answered (the TRC recorded a response or an
--   arrival), response_minutes (arrival - report in minutes, null without an arrival),
--   cases_count (cases).
create or replace table pmks_respons as
with final as (
    select
        kode_kelurahan,
        cast(waktu_lapor as date) as tanggal,
        kategori,
        sumber,
        cast(hour(waktu_lapor) as integer) as jam,
        waktu_respons is not null or waktu_tiba is not null as answered,
        epoch(waktu_tiba - waktu_lapor) / 60.0 as response_minutes,
        count(*) as cases_count
    from pmks_kasus
    group by all
)

select * from final
order by kode_kelurahan, tanggal, kategori, sumber, jam, response_minutes

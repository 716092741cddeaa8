-- pmks_tahap_durasi: the time the PMKS cases spent in each lifecycle stage, counted per
-- kelurahan x report day x category x source x stage x exact duration, built at write time
-- (warehouse.db.refresh_analytics), so that the PMKS page computes the median and 90th
-- percentile time in each stage in SQL (queries/pmks_stage_durations.sql) without the stage
-- history. From pmks_kasus_tahap (a case without rows there has no history and no row here):
-- a stage ends when the case's next recorded stage begins, and a case's dilaporkan stage
-- starts at its report time when the history has no row for it.
-- One row per kelurahan, day, category, source, stage, duration and open start with at least one
--   stay: kode_kelurahan, tanggal (report date of the case), kategori, sumber, tahap,
--   hours (the completed stay in hours, null for the stage the case is in now), waktu_mulai
--   (when the case entered the stage it is in now, null for a completed stay), cases_count
--   (stays).
create or replace table pmks_tahap_durasi as
with recorded as (
    select h.id_kasus, h.tahap, h.waktu_mulai
    from pmks_kasus_tahap as h
),

reported as (
    select c.id_kasus, 'dilaporkan' as tahap, c.waktu_lapor as waktu_mulai
    from pmks_kasus as c
    where c.id_kasus in (select id_kasus from recorded)
        and c.id_kasus not in (select id_kasus from recorded where tahap = 'dilaporkan')
),

stages as (
    select * from recorded
    union all
    select * from reported
),

stays as (
    select
        id_kasus,
        tahap,
        waktu_mulai,
        lead(waktu_mulai) over (
            partition by id_kasus
            order by waktu_mulai, list_position(
                ['dilaporkan', 'diamankan', 'diasesmen', 'rencana_intervensi', 'intervensi', 'evaluasi',
                    'monitoring', 'ditutup'],
                tahap
            )
        ) as waktu_selesai
    from stages
),

final as (
    select
        c.kode_kelurahan,
        cast(c.waktu_lapor as date) as tanggal,
        c.kategori,
        c.sumber,
        s.tahap,
        epoch(s.waktu_selesai - s.waktu_mulai) / 3600.0 as hours,
        case when s.waktu_selesai is null then s.waktu_mulai end as waktu_mulai,
        count(*) as cases_count
    from stays as s
    inner join pmks_kasus as c using (id_kasus)
    group by all
)

select * from final
order by kode_kelurahan, tanggal, kategori, sumber, tahap, hours

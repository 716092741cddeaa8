-- The recorded lifecycle stages of the PMKS cases of a region for a period and filter, each
-- with its start and end, for the time spent in each stage (table pmks_kasus_tahap: a case
-- without rows there has no history and no row here). A case's dilaporkan stage starts at
-- its report time when the history has no row for it.
-- Parameters: $kode_region (kab/kota code, dotted), $kategori (list of category codes, or
--   null for all), $sumber (list of source codes, or null for all), $dari and $sampai
--   (report dates, inclusive, null for open-ended), $scope_kelurahan (the kelurahan codes the
--   user may see, a list, or null for no limit).
-- Output, one row per case and stage entered: kode_kelurahan, kategori, tahap, waktu_mulai (when the case
--   entered the stage), waktu_selesai (when it entered its next recorded stage, null for
--   the stage it is in now).
with cases as (
    select id_kasus, kode_kelurahan, kategori, waktu_lapor
    from pmks_cases_reported($kode_region, $kategori, $sumber, $dari, $sampai, $scope_kelurahan)
),

recorded as (
    select h.id_kasus, c.kode_kelurahan, c.kategori, h.tahap, h.waktu_mulai
    from pmks_kasus_tahap as h
    inner join cases as c using (id_kasus)
),

reported as (
    select c.id_kasus, c.kode_kelurahan, c.kategori, 'dilaporkan' as tahap, c.waktu_lapor as waktu_mulai
    from cases as c
    where c.id_kasus in (select id_kasus from recorded)
        and c.id_kasus not in (select id_kasus from recorded where tahap = 'dilaporkan')
),

stages as (
    select * from recorded
    union all
    select * from reported
),

final as (
    select
        kode_kelurahan,
        kategori,
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
)

select * from final
order by kategori, tahap, waktu_mulai

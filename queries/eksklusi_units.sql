-- Exclusion and inclusion errors per kelurahan of a region, read from the analytics table
-- eksklusi_kelurahan (queries/analytics/40_eksklusi_kelurahan.sql), every kelurahan/desa of the
-- region (within the user's scope) with a row per programme and one for all programmes.
-- Parameters: $kode_region (kab/kota code, dotted), $scope_kelurahan (varchar[] of the
--   kelurahan codes the user may see, null: no limit).
-- Output, one row per kelurahan and programme, ordered by programme (all programmes first),
--   then kelurahan code:
--   kode, nama, kode_kecamatan, kecamatan, kode_program (null: all programmes), tahap,
--   tanggal_mulai (date), eligible_count, excluded_count, recipients_count, included_count
--   (households, 0 where the kelurahan has none), included_rupiah (rupiah).
with
units as (
    select kode, nama, kode_kecamatan, kecamatan
    from region_kelurahan($kode_region, p_scope := $scope_kelurahan)
),

programmes as (
    select distinct kode_program, tahap, tanggal_mulai
    from eksklusi_kelurahan
    where starts_with(kode_kelurahan, $kode_region || '.')
),

final as (
    select
        u.kode,
        u.nama,
        u.kode_kecamatan,
        u.kecamatan,
        p.kode_program,
        p.tahap,
        p.tanggal_mulai,
        coalesce(e.eligible_count, 0) as eligible_count,
        coalesce(e.excluded_count, 0) as excluded_count,
        coalesce(e.recipients_count, 0) as recipients_count,
        coalesce(e.included_count, 0) as included_count,
        coalesce(e.included_rupiah, 0) as included_rupiah
    from units as u
    cross join programmes as p
    left join eksklusi_kelurahan as e
        on e.kode_kelurahan = u.kode and e.kode_program is not distinct from p.kode_program
)

select * from final
order by kode_program nulls first, kode

-- The desa/kelurahan whose incremental analytics rows (warehouse.db.refresh_analytics) the
-- loadable rows of a graduasi file may change; run before and after the load, so that old and
-- new values both count: the PKH exit rows of pkh_keluar_kpm (queries/analytics/51) of these
-- households lie in the list's kelurahan (the file's and the one listed before) or, off the
-- list, in their last PKH distribution's.
-- Reads temp table import_checked (id_dtks, kode_kelurahan, alasan; see
-- import/graduasi_check.sql). No parameters.
-- Output, one row per kelurahan: kode_kelurahan.
with
households as (
    select distinct id_dtks from import_checked where alasan is null
),

final as (
    select kode_kelurahan from import_checked where alasan is null
    union
    select g.kode_kelurahan from pkh_graduasi as g semi join households using (id_dtks)
    union
    select d.kode_kelurahan
    from bansos_penyaluran as d
    semi join households using (id_dtks)
    where d.kode_program = 'PKH'
)

select kode_kelurahan from final

-- The desa/kelurahan whose incremental analytics rows (warehouse.db.refresh_analytics) the
-- loadable rows of a PMKS case log may change; run before and after the load, so that old and
-- new values both count: the kelurahan of the cases (null: a case without one).
-- Reads temp table import_checked (id_kasus, kode_kelurahan, alasan; see import/pmks_check.sql).
-- No parameters.
-- Output, one row per kelurahan: kode_kelurahan.
with final as (
    select kode_kelurahan from import_checked where alasan is null
    union
    select k.kode_kelurahan from pmks_kasus as k where k.id_kasus in (select id_kasus from import_checked where alasan is null)
)

select kode_kelurahan from final

-- The desa/kelurahan whose incremental analytics rows (warehouse.db.refresh_analytics) the
-- loadable rows of a verivali file may change; run before and after the load, so that old and
-- new values both count: the kelurahan of the households the visits are (or were) of, and those
-- where these households were paid (the 6T of a distribution reads its household's history).
-- Reads temp table import_checked (id_verivali, id_dtks, alasan; see import/verivali_check.sql).
-- No parameters.
-- Output, one row per kelurahan: kode_kelurahan.
with
households as (
    select id_dtks from import_checked where alasan is null
    union
    select v.id_dtks from verivali as v where v.id_verivali in (select id_verivali from import_checked where alasan is null)
),

final as (
    select h.kode_kelurahan from dtks_keluarga as h semi join households using (id_dtks)
    union
    select d.kode_kelurahan from bansos_penyaluran as d semi join households using (id_dtks)
)

select kode_kelurahan from final

-- The desa/kelurahan whose incremental analytics rows (warehouse.db.refresh_analytics) the
-- loadable rows of a distribution report may change; run before and after the load, so that
-- old and new values both count: the kelurahan of the distributions, those of the households
-- they pay (or paid), and those where these households were paid otherwise (a repeat payment is
-- found over all of a household's distributions), and those where these households are on the PKH
-- graduation list (their exit row, pkh_keluar_kpm, lies there and reads every PKH distribution).
-- Reads temp table import_checked (id_penyaluran, id_dtks, kode_kelurahan, alasan; see
-- import/penyaluran_check.sql). No parameters.
-- Output, one row per kelurahan: kode_kelurahan.
with
loadable as (
    select id_penyaluran, id_dtks, kode_kelurahan from import_checked where alasan is null
),

households as (
    select id_dtks from loadable
    union
    select d.id_dtks from bansos_penyaluran as d where d.id_penyaluran in (select id_penyaluran from loadable)
),

final as (
    select kode_kelurahan from loadable
    union
    select h.kode_kelurahan from dtks_keluarga as h semi join households using (id_dtks)
    union
    select d.kode_kelurahan from bansos_penyaluran as d semi join households using (id_dtks)
    union
    select g.kode_kelurahan from pkh_graduasi as g semi join households using (id_dtks)
)

select kode_kelurahan from final

-- The desa/kelurahan whose incremental analytics rows (warehouse.db.refresh_analytics) the
-- loadable rows of a DTKS file may change; run before and after the load, so that old and new
-- values both count: the kelurahan of their households, those where the households were paid
-- (the 6T of a distribution reads its household), and those of the members of any household
-- holding one of their NIKs (a duplicate NIK is a finding of every holder).
-- Reads temp table import_checked (id_dtks, nik, alasan; see import/dtks_check.sql).
-- No parameters.
-- Output, one row per kelurahan: kode_kelurahan.
with
households as (
    select distinct id_dtks from import_checked where alasan is null
),

niks as (
    select nik from import_checked where alasan is null
    union
    select a.nik from dtks_anggota as a semi join households using (id_dtks)
),

final as (
    select h.kode_kelurahan from dtks_keluarga as h semi join households using (id_dtks)
    union
    select d.kode_kelurahan from bansos_penyaluran as d semi join households using (id_dtks)
    union
    select h.kode_kelurahan
    from dtks_anggota as a
    inner join dtks_keluarga as h using (id_dtks)
    where a.nik in (select nik from niks)
)

select kode_kelurahan from final

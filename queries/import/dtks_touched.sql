-- The desa/kelurahan whose incremental analytics rows (warehouse.db.refresh_analytics) the
-- loadable rows of a DTKS file may change; run before and after the load, so that old and new
-- values both count: the kelurahan of their households, those where the households were paid
-- (the 6T of a distribution reads its household), and those of the members of any household
-- holding one of their NIKs (a duplicate NIK is a finding of every holder), and those where the
-- households are on the PKH graduation list (their exit row, pkh_keluar_kpm, lies there).
-- Reads temp tables import_checked (id_dtks, nik, alasan; see import/dtks_check.sql),
-- import_nik_holders (import/dtks_nik_holders.sql) and import_raw (nik).
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

-- The households holding one of those NIKs: the file's NIKs were looked up once before the check
-- (import_nik_holders; after the load, its own households hold them too, listed above), the
-- others (members the file does not list) are looked up here.
holders as (
    select id_dtks from import_nik_holders where nik in (select nik from niks)
    union
    select a.id_dtks
    from dtks_anggota as a
    where a.nik in (select nik from niks except select clean_number(nik) from import_raw)
),

final as (
    select h.kode_kelurahan from dtks_keluarga as h semi join households using (id_dtks)
    union
    select d.kode_kelurahan from bansos_penyaluran as d semi join households using (id_dtks)
    union
    select h.kode_kelurahan from dtks_keluarga as h semi join holders using (id_dtks)
    union
    select g.kode_kelurahan from pkh_graduasi as g semi join households using (id_dtks)
)

select kode_kelurahan from final

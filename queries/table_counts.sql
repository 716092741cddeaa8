-- Row counts of the main tables within a region, for the pages that are still being built.
-- Parameters: $kode_region (kab/kota code, dotted).
-- Output: units_count, households_count, enumerators_count, cases_count, distributions_count
--   (all counts of rows).
with final as (
    select
        (select count(*) from wilayah
            where level = 'kelurahan' and starts_with(kode, $kode_region || '.')) as units_count,
        (select count(*) from dtks_keluarga
            where starts_with(kode_kelurahan, $kode_region || '.')) as households_count,
        (select count(*) from petugas
            where peran = 'enumerator'
                and starts_with(kode_kelurahan_asal, $kode_region || '.')) as enumerators_count,
        (select count(*) from pmks_kasus
            where starts_with(kode_kelurahan, $kode_region || '.')) as cases_count,
        (select count(*) from bansos_penyaluran
            where starts_with(kode_kelurahan, $kode_region || '.')) as distributions_count
)

select * from final

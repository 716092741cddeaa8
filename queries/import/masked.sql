-- The quarantined rows of an import with their personal data masked, the only form in which
-- they are stored (impor_karantina.data) or shown: NIK/KK by mask_number, names by
-- mask_initials, addresses and birthplaces by mask_place, birth dates by mask_digits,
-- coordinates by mask_coordinate, any other column by mask_long_numbers (queries/import/macro_mask_*.sql).
-- Reads temp tables import_raw (every column of warehouse.imports.kinds.PERSONAL_COLUMNS is
-- there, null when the kind or the file has none) and import_checked. No parameters.
-- Output: temp table import_masked: nomor_baris and every column of import_raw, masked text.
create or replace temp table import_masked as
with rejected as (
    select r.*
    from import_raw as r
    semi join import_checked as c on c.nomor_baris = r.nomor_baris and c.alasan is not null
),
final as (
    select
        nomor_baris,
        mask_number(columns(lambda c: list_contains(['nik', 'no_kk', 'nik_penerima'], c))),
        mask_initials(columns(lambda c: list_contains(['nama', 'nama_ibu'], c))),
        mask_place(columns(lambda c: list_contains(['alamat', 'tempat_lahir'], c))),
        mask_digits(columns(lambda c: c = 'tanggal_lahir')),
        mask_coordinate(columns(lambda c: list_contains(['lon', 'lat'], c))),
        mask_long_numbers(columns(lambda c: not list_contains(
            ['nomor_baris', 'nik', 'no_kk', 'nik_penerima', 'nama', 'nama_ibu', 'alamat', 'tempat_lahir',
                'tanggal_lahir', 'lon', 'lat'], c
        )))
    from rejected
)
select * from final

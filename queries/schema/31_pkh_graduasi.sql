-- The agency's PKH graduation list: one row per KPM it recorded as leaving PKH in a year.
-- jenis: sejahtera_mandiri (graduated by its own means: no longer poor, signed the statement),
-- or graduasi alamiah: alamiah_tidak_layak (no longer eligible: no component left, desil above
-- the limit), alamiah_pindah (moved away), alamiah_meninggal (the recipient died, no heir).
-- tahun: the year of tanggal_graduasi. nik_penerima: the recipient (pengurus), 16 digits.
create table if not exists pkh_graduasi (
    id_dtks varchar not null,
    tahun smallint not null,
    tanggal_graduasi date not null,
    jenis varchar not null check (jenis in
        ('sejahtera_mandiri', 'alamiah_tidak_layak', 'alamiah_pindah', 'alamiah_meninggal')),
    kode_kelurahan varchar not null,
    nik_penerima varchar,
    primary key (id_dtks, tahun),
    check (tahun = year(tanggal_graduasi))
)

-- DTKS household members. id_anggota is a surrogate key, never built from the NIK. nik is not
-- unique on purpose: an import quarantines a NIK already active in another household
-- (nik_other_household), but data loaded otherwise (the demo) may hold such a duplicate, a
-- data-quality finding. jenis_kelamin: L/P.
-- hubungan: kepala_keluarga, pasangan, anak, menantu, cucu, orang_tua, famili_lain, lainnya.
-- status_padan: padan (matched with Dukcapil), tidak_padan, belum (not yet checked).
-- kode_kelurahan: the household's desa/kelurahan (dtks_keluarga.kode_kelurahan), copied so that
-- one region's members are read without a join. The demo and every import keep it equal to the
-- household's and insert members ordered by it, so a region reads only its row groups.
create table if not exists dtks_anggota (
    id_anggota varchar primary key,
    id_dtks varchar not null,
    kode_kelurahan varchar,
    nik varchar not null,
    nama varchar not null,
    tempat_lahir varchar,
    tanggal_lahir date,
    jenis_kelamin varchar check (jenis_kelamin in ('L', 'P')),
    hubungan varchar not null,
    status_padan varchar not null default 'belum'
        check (status_padan in ('padan', 'tidak_padan', 'belum')),
    status varchar not null default 'aktif'
        check (status in ('aktif', 'pindah', 'meninggal', 'duplikat'))
);

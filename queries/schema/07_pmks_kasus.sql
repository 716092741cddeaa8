-- PMKS cases. kategori: a code of domain.codes.PMKS_CATEGORIES (26 PMKS types plus odgj).
-- sumber: patroli, call_center, rujukan_perorangan, media_sosial, kantor, perusahaan.
-- Times are local (WIB). tahap: dilaporkan, diamankan, diasesmen, rencana_intervensi,
-- intervensi, evaluasi, monitoring, ditutup. hasil (outcome, null while open): kembali_keluarga,
-- panti, dirawat, dirujuk, mandiri, meninggal.
create table if not exists pmks_kasus (
    id_kasus varchar primary key,
    kategori varchar not null,
    sumber varchar not null check (sumber in
        ('patroli', 'call_center', 'rujukan_perorangan', 'media_sosial', 'kantor', 'perusahaan')),
    waktu_lapor timestamp not null,
    waktu_respons timestamp,
    waktu_tiba timestamp,
    lon double,
    lat double,
    kode_kelurahan varchar,
    jenis_kelamin varchar check (jenis_kelamin in ('L', 'P')),
    usia integer check (usia between 0 and 120),
    tahap varchar not null check (tahap in ('dilaporkan', 'diamankan', 'diasesmen',
        'rencana_intervensi', 'intervensi', 'evaluasi', 'monitoring', 'ditutup')),
    hasil varchar check (hasil in
        ('kembali_keluarga', 'panti', 'dirawat', 'dirujuk', 'mandiri', 'meninggal')),
    tanggal_masuk_shelter date,
    tanggal_keluar_shelter date,
    check (waktu_tiba is null or waktu_tiba >= waktu_lapor),
    check (tanggal_keluar_shelter is null or tanggal_keluar_shelter >= tanggal_masuk_shelter)
);

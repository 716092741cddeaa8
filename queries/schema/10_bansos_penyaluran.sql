-- One distribution to a KPM. Amounts and prices in rupiah. kanal: bank, pos, e_warong.
-- harga_dibayar and lolos_kualitas: goods programmes only (null for cash).
-- dokumen: documents present for this distribution (bast, foto, ktp).
create table if not exists bansos_penyaluran (
    id_penyaluran varchar primary key,
    kode_program varchar not null,
    tahap varchar not null,
    id_dtks varchar not null,
    nik_penerima varchar not null,
    kode_kelurahan varchar not null,
    nilai_hak bigint not null check (nilai_hak >= 0),
    nilai_diterima bigint not null check (nilai_diterima >= 0),
    tanggal_salur date not null,
    kanal varchar not null check (kanal in ('bank', 'pos', 'e_warong')),
    id_penyalur varchar,
    harga_dibayar bigint check (harga_dibayar >= 0),
    lolos_kualitas boolean,
    dokumen varchar[] not null
);

-- One distribution period of a programme. nilai_per_kpm: entitlement per KPM (rupiah).
-- harga_acuan: reference price of the goods package (rupiah, goods programmes only).
create table if not exists bansos_tahap (
    kode_program varchar not null,
    tahap varchar not null,
    tanggal_mulai date not null,
    tanggal_selesai date not null,
    nilai_per_kpm bigint not null check (nilai_per_kpm >= 0),
    harga_acuan bigint check (harga_acuan >= 0),
    primary key (kode_program, tahap),
    check (tanggal_selesai >= tanggal_mulai)
);

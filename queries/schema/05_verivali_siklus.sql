-- Verivali cycles. tanggal_target: the date the cycle should be complete.
create table if not exists verivali_siklus (
    siklus varchar primary key,
    nama varchar not null,
    tanggal_mulai date not null,
    tanggal_target date not null,
    check (tanggal_target >= tanggal_mulai)
);

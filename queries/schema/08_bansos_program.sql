-- Bansos programmes and their 6T rules as data. jenis: tunai (cash) or barang (goods).
-- periode: triwulan (quarterly tahap) or bulan (monthly). desil_maks: highest eligible desil.
-- dokumen_wajib: documents every distribution must have (bast, foto, ktp).
-- toleransi_hari: days after the tahap window still counted as on time.
create table if not exists bansos_program (
    kode_program varchar primary key,
    nama varchar not null,
    jenis varchar not null check (jenis in ('tunai', 'barang')),
    periode varchar not null check (periode in ('triwulan', 'bulan')),
    desil_maks tinyint not null check (desil_maks between 1 and 10),
    dokumen_wajib varchar[] not null,
    toleransi_hari integer not null default 0
);

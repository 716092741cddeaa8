-- Every import or build. jenis: demo, boundaries, dtks, verivali, pmks, penyaluran, petugas.
-- hash_file: sha256 of the input file (null for a generated demo).
create table if not exists impor_log (
    id_impor integer primary key,
    jenis varchar not null,
    nama_file varchar,
    hash_file varchar,
    waktu timestamp not null,
    baris_dibaca bigint not null,
    baris_dimuat bigint not null,
    baris_karantina bigint not null,
    catatan varchar,
    check (baris_dibaca = baris_dimuat + baris_karantina)
);

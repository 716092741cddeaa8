-- Field staff who do verivali visits. peran: enumerator, pendamping_pkh, tksk.
create table if not exists petugas (
    id_petugas varchar primary key,
    nama varchar not null,
    peran varchar not null default 'enumerator',
    kode_kelurahan_asal varchar,
    aktif_mulai date,
    aktif_sampai date
);

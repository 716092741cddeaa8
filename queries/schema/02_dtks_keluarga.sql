-- DTKS/DTSEN households. id_dtks is the legacy DTKS key (ID BDT). desil 1-10 (null: not ranked).
-- status: aktif, pindah (moved), meninggal (died), duplikat. lon/lat: dwelling, degrees, optional.
create table if not exists dtks_keluarga (
    id_dtks varchar primary key,
    no_kk varchar not null,
    kode_kelurahan varchar not null,
    alamat varchar,
    rt varchar,
    rw varchar,
    lon double,
    lat double,
    desil tinyint check (desil between 1 and 10),
    flag_pkh boolean not null default false,
    flag_bpnt boolean not null default false,
    flag_pbi_jkn boolean not null default false,
    status varchar not null default 'aktif'
        check (status in ('aktif', 'pindah', 'meninggal', 'duplikat')),
    tanggal_terdaftar date
);

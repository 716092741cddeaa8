-- One row per verification step of a household in a cycle.
-- tahap: usulan_musyawarah, entri_siksng, cek_dinsos, ground_check, padan, desil.
-- hasil (the result of the step, null while pending): diperbarui, tidak_ditemukan, pindah,
-- meninggal, duplikat. A household counts as updated in a cycle when any row has a hasil.
-- desil (1 = poorest .. 10): on a 'desil' row, the desil BPS assigned on that date. The desil in
-- force on a date is the latest one assigned by then (dtks_keluarga.desil is the current one).
-- kode_kelurahan: the household's desa/kelurahan, copied as in dtks_anggota (kept equal to the
-- household's by the demo and every import, rows inserted ordered by it).
create table if not exists verivali (
    id_verivali bigint primary key,
    id_dtks varchar not null,
    kode_kelurahan varchar,
    siklus varchar not null,
    tahap varchar not null check (tahap in
        ('usulan_musyawarah', 'entri_siksng', 'cek_dinsos', 'ground_check', 'padan', 'desil')),
    tanggal date not null,
    id_petugas varchar,
    hasil varchar check (hasil in
        ('diperbarui', 'tidak_ditemukan', 'pindah', 'meninggal', 'duplikat')),
    desil tinyint check (desil is null or (desil between 1 and 10 and tahap = 'desil'))
);

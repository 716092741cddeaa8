-- One row per verification step of a household in a cycle.
-- tahap: usulan_musyawarah, entri_siksng, cek_dinsos, ground_check, padan, desil.
-- hasil (the result of the step, null while pending): diperbarui, tidak_ditemukan, pindah,
-- meninggal, duplikat. A household counts as updated in a cycle when any row has a hasil.
create table if not exists verivali (
    id_verivali bigint primary key,
    id_dtks varchar not null,
    siklus varchar not null,
    tahap varchar not null check (tahap in
        ('usulan_musyawarah', 'entri_siksng', 'cek_dinsos', 'ground_check', 'padan', 'desil')),
    tanggal date not null,
    id_petugas varchar,
    hasil varchar check (hasil in
        ('diperbarui', 'tidak_ditemukan', 'pindah', 'meninggal', 'duplikat'))
);

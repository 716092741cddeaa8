-- Musyawarah proposals (usulan): one row per household or person a musyawarah desa/kelurahan
-- proposed into or out of the register (the SIKS-NG proposal layout).
-- id_usulan: the proposal number of the file (else made at import from the row's subject).
-- siklus: the verivali cycle it belongs to. kode_kelurahan: where the musyawarah was held.
-- sasaran: keluarga (household) or individu (person). arah: masuk (into the register) or
-- keluar (out of it). alasan: miskin_baru, belum_terdata, pecah_kk (in), meninggal, pindah,
-- mampu, ganda, tidak_ditemukan (out), lainnya. id_dtks: the household (null for one not yet
-- in the register), nik, no_kk: the subject (16 digits). tanggal_musyawarah: the date of the
-- berita acara (null: the file gave none, a fault the page counts). tahap: the stage the
-- file reports (diusulkan, diinput, diverifikasi, ditetapkan, ditolak, null: followed from the
-- verivali steps, queries/schema/32_usulan_status.sql). tanggal_keputusan: the day it was
-- ditetapkan or ditolak, as the file reports.
create table if not exists usulan (
    id_usulan varchar primary key,
    siklus varchar not null,
    kode_kelurahan varchar not null,
    sasaran varchar not null check (sasaran in ('keluarga', 'individu')),
    arah varchar not null check (arah in ('masuk', 'keluar')),
    alasan varchar not null check (alasan in ('miskin_baru', 'belum_terdata', 'pecah_kk', 'meninggal',
        'pindah', 'mampu', 'ganda', 'tidak_ditemukan', 'lainnya')),
    id_dtks varchar,
    nik varchar,
    no_kk varchar,
    tanggal_musyawarah date,
    tahap varchar check (tahap in ('diusulkan', 'diinput', 'diverifikasi', 'ditetapkan', 'ditolak')),
    tanggal_keputusan date,
    check (tanggal_keputusan is null or tanggal_musyawarah is null or tanggal_keputusan >= tanggal_musyawarah)
)

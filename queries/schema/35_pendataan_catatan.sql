-- Records collected in a pendataan campaign (a data-collection drive such as anak yatim piatu):
-- one row per record a collector (TKSK, pendamping PKH) reported. The campaigns themselves,
-- their window, categories and targets per kecamatan or kelurahan are settings
-- (config/pendataan.toml, read by reports.settings.pendataan_campaigns).
-- kode_kampanye: the campaign code, id_catatan: the collector's record id (unique within a
-- campaign), id_petugas, nama_petugas, peran (tksk, pendamping_pkh, enumerator): who collected,
-- kode_kelurahan: where, tanggal: when (date), kategori: what (one of the campaign categories).
create table if not exists pendataan_catatan (
    kode_kampanye varchar not null,
    id_catatan varchar not null,
    id_petugas varchar,
    nama_petugas varchar,
    peran varchar,
    kode_kelurahan varchar not null,
    tanggal date not null,
    kategori varchar not null,
    primary key (kode_kampanye, id_catatan)
)

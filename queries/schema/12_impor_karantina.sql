-- Rows an import did not load, with the reason. nomor_baris: 1-based data row in the file.
-- data: the row as JSON with its personal data masked (queries/import/masked.sql, and
-- 21-23_impor_karantina_*.sql).
create table if not exists impor_karantina (
    id_impor integer not null,
    nomor_baris bigint not null,
    kolom varchar,
    alasan varchar not null,
    data json
);

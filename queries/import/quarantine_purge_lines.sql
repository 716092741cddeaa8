-- Forget the encrypted raw records of the quarantine once their retention period is over
-- (config/import.toml, karantina.retensi_hari; run at each import).
-- Parameters: $batas (timestamp: records of imports before it are purged).
-- Output: none (writes impor_karantina).
update impor_karantina
set baris_terenkripsi = null
where baris_terenkripsi is not null
    and id_impor in (select id_impor from impor_log where waktu < $batas)

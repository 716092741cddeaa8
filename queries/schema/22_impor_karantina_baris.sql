-- impor_karantina.baris_terenkripsi: a malformed CSV record as the file wrote it, encrypted (Fernet)
-- with the key file of config/import.toml, kept outside the warehouse; null once its retention
-- period is over (karantina.retensi_hari, purged at each import) or when no key file is set.
alter table impor_karantina add column if not exists baris_terenkripsi blob

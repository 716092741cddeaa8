-- Quarantine one CSV record that could not be split into the header's columns: its data line,
-- what was wrong (data: {"detail": ...}, no field of it), and the record itself only encrypted
-- (Fernet, with the key file of config/import.toml) or not at all.
-- Parameters: $id_impor (integer), $nomor_baris (data line), $data (JSON text),
--   $baris_terenkripsi (blob: the encrypted record, or null).
-- Output: none (writes impor_karantina).
insert into impor_karantina (id_impor, nomor_baris, kolom, alasan, nilai, data, baris_terenkripsi, tersamar)
values ($id_impor, $nomor_baris, null, 'malformed_row', null, $data, $baris_terenkripsi, true)

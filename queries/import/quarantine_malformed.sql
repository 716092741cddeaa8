-- Quarantine one CSV record that could not be split into the header's columns.
-- Parameters: $id_impor (integer), $nomor_baris (1-based data row), $data (JSON text, the record).
-- Output: none (writes impor_karantina).
insert into impor_karantina (id_impor, nomor_baris, kolom, alasan, data)
values ($id_impor, $nomor_baris, null, 'malformed_row', $data)

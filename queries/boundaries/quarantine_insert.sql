-- Quarantine the rows of a boundary file or code list that were not loaded.
-- Reads the registered table incoming_rejected (nomor_baris: 1-based data row, kolom: column at
-- fault or null, alasan: the reason as an English sentence, data: the row's values as JSON text).
-- Parameters: $id_impor (integer, the import's impor_log id).
-- Output: none (writes impor_karantina).
insert into impor_karantina (id_impor, nomor_baris, kolom, alasan, data)
select $id_impor, nomor_baris, kolom, alasan, data::json
from incoming_rejected
order by nomor_baris

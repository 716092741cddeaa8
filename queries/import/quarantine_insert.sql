-- Quarantine the checked rows that did not pass, with their reason and the raw row as JSON
-- (every column of the kind as the file wrote it; personal data, never shown unmasked).
-- Reads temp tables import_checked (nomor_baris, alasan, kolom) and import_raw.
-- Parameters: $id_impor (integer, the import's impor_log id).
-- Output: none (writes impor_karantina).
insert into impor_karantina (id_impor, nomor_baris, kolom, alasan, data)
select $id_impor, c.nomor_baris, c.kolom, c.alasan, to_json(r)
from import_checked as c
inner join import_raw as r using (nomor_baris)
where c.alasan is not null
order by c.nomor_baris

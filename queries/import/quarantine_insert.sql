-- Quarantine the checked rows that did not pass: the reason, the column at fault, its value
-- masked (nilai) and the whole row masked as JSON (data), never the row as the file wrote it.
-- Reads temp tables import_checked (nomor_baris, alasan, kolom) and import_masked (see
-- import/masked.sql).
-- Parameters: $id_impor (integer, the import's impor_log id).
-- Output: none (writes impor_karantina).
insert into impor_karantina (id_impor, nomor_baris, kolom, alasan, nilai, data, tersamar)
with final as (
    select c.nomor_baris, c.kolom, c.alasan, to_json(m) as data
    from import_checked as c
    inner join import_masked as m using (nomor_baris)
    where c.alasan is not null
)
select $id_impor, nomor_baris, kolom, alasan, data ->> kolom, data, true
from final
order by nomor_baris

-- The earlier import of the same file content into the same kind, if any.
-- Parameters: $jenis (import kind), $hash_file (sha256 hex of the file).
-- Output: id_impor, nama_file, waktu (timestamp), baris_dibaca, baris_dimuat, baris_karantina;
-- zero or one row (the newest).
select id_impor, nama_file, waktu, baris_dibaca, baris_dimuat, baris_karantina
from impor_log
where jenis = $jenis and hash_file = $hash_file
order by id_impor desc
limit 1

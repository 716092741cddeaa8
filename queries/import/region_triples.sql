-- The distinct region code/name triples of the staged rows, resolved once each.
-- Reads temp table import_raw (see import/dtks_check.sql). No parameters.
-- Output: kode_kelurahan, kecamatan, kelurahan (as the file wrote them, null when blank),
--   rows_count (staged rows with the triple).
select kode_kelurahan, kecamatan, kelurahan, count(*) as rows_count
from import_raw
group by all

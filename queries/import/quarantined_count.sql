-- How many rows one import quarantined.
-- Parameters: $id_impor (integer).
-- Output: quarantined_count (rows), one row.
select count(*) as quarantined_count
from impor_karantina
where id_impor = $id_impor

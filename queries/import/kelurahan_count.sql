-- How many kelurahan/desa the warehouse's code list holds (zero: import wilayah first).
-- No parameters.
-- Output: kelurahan_count (units), one row.
select count(*) as kelurahan_count
from wilayah
where level = 'kelurahan'

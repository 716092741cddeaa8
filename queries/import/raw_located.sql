-- Whether any staged row of an import gives a coordinate (the region's extent, which a check
-- compares coordinates with, is computed only then).
-- Reads temp table import_raw (lon, lat as text, blank = null). No parameters.
-- Output: located (boolean).
select count(*) > 0 as located
from import_raw
where lon is not null or lat is not null

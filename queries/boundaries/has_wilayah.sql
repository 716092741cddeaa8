-- Whether the warehouse has its wilayah table yet (a brand-new file has no schema). No parameters.
-- Output: tables_count (0 or 1), one row.
select count(*) as tables_count
from information_schema.tables
where table_name = 'wilayah'

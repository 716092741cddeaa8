-- The tables of the warehouse's schema, in the order the schema created them. No parameters.
-- Output: table_name (text), one row per table.
select table_name
from duckdb_tables()
where schema_name = 'main' and not temporary
order by table_oid

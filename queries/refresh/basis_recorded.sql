-- Whether the warehouse records the basis of its incremental analytics tables (the table
-- analytics_basis, missing in a warehouse built before they were incremental).
-- Parameters: none.
-- Output: recorded (boolean).
select count(*) > 0 as recorded
from duckdb_tables()
where database_name = current_database() and schema_name = current_schema() and table_name = 'analytics_basis'

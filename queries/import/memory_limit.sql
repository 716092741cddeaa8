-- Set DuckDB's memory limit for the rest of an import: beyond it, what can spill goes to a folder
-- beside the warehouse copy, so an import's memory grows with its file at most about once.
-- Parameters: $limit (text, e.g. '512MB': warehouse.imports.agency.DUCKDB_MEMORY_BASE_MB plus the
--   file's size). Output: none (a setting of the connection's database).
set memory_limit = $limit

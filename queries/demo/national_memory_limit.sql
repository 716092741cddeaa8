-- Bound the memory of the synthetic country's build (warehouse.demo.national): above it DuckDB
-- spills its sorts, joins and aggregates to its temporary directory (beside the file) instead
-- of holding them, so the build's memory does not grow with the country.
-- Parameters: $memory_limit (text, e.g. '4GB'). Output: none.
set memory_limit = $memory_limit

-- Record the basis the incremental analytics tables were just built on (basis.sql).
-- Parameters: $basis (text).
-- Output: none (writes the one-row table analytics_basis).
create or replace table analytics_basis as select cast($basis as varchar) as basis

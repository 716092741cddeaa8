-- The basis the incremental analytics tables were last built on (basis.sql, stored by
-- basis_store.sql; missing in a warehouse built before they were incremental).
-- Parameters: none.
-- Output: basis (text).
select basis from analytics_basis

-- Read by tests/test_agency_import.py (READER, the dashboard-like reader, and the import from the dashboard).
-- Parameters: none.
-- Output: one row: number of members.
select count(*) from dtks_anggota

-- Read by tests/test_agency_import.py::test_a_stray_quote_in_row_2_of_50_costs_that_row_only.
-- Parameters: none.
-- Output: one row per member of Q3: nama.
select nama from dtks_anggota where id_dtks = 'Q3'

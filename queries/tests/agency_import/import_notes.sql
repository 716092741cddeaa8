-- Read by tests/test_agency_import.py::test_an_unknown_header_that_resembles_a_known_one_stops_the_import.
-- Parameters: none.
-- Output: one row per import: catatan.
select catatan from impor_log

-- Read by tests/test_agency_import.py::test_encrypted_records_are_purged_after_the_retention_period.
-- Parameters: none.
-- Output: none (moves every import 91 days back).
update impor_log set waktu = waktu - interval 91 day

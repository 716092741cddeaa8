-- Read by tests/test_db.py (atomic builds): a row written by the build under test.
-- Parameters: $nilai (the version written).
-- Output: none (inserts the metadata row versi = $nilai).
insert into metadata values ('versi', $nilai)

-- Read by tests/test_db.py (atomic updates).
-- Parameters: $x (integer).
-- Output: none (inserts one row into t).
insert into t values ($x)

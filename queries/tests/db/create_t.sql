-- Read by tests/test_db.py (atomic updates): the one-column table the updates under test write.
-- Parameters: none.
-- Output: none (creates table t).
create table t (x integer)

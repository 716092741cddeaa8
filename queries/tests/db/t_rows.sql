-- Read by tests/test_db.py::test_atomic_update_keeps_only_what_its_transactions_commit.
-- Parameters: none.
-- Output: every row of t: x.
select * from t

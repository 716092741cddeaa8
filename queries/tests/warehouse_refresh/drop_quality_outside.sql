-- A warehouse written before quality_outside existed (tests/test_warehouse_refresh.py).
-- Parameters: none. Output: none.
drop table quality_outside

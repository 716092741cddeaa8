-- A warehouse written before the analytics table pkh_keluar_kpm existed
-- (tests/test_warehouse_refresh.py).
-- Parameters: none. Output: none.
drop table pkh_keluar_kpm

-- Read by tests/test_demo.py::test_magnitudes_at_scale_1.
-- Parameters: none.
-- Output: one row: quarantined rows of imports other than the pendataan file (id_impor 2).
select count(*) from impor_karantina where id_impor <> 2

-- Read by tests/test_queries.py::test_region_kelurahan_macro_whole_output.
-- Parameters: none.
-- Output: one row: number of kelurahan region_kelurahan('21.71') returns.
select count(*) from region_kelurahan('21.71')

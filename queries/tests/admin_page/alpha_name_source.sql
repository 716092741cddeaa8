-- Read by tests/test_admin_page.py::test_official_boundaries_and_code_list.
-- Parameters: none.
-- Output: one row: nama, geom_sumber of 99.71.01.1001.
select nama, geom_sumber from wilayah where kode = '99.71.01.1001'

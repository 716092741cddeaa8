-- Read by tests/test_graduasi.py::test_every_exit_whole_output.
-- Parameters: none.
-- Output: one row per PKH exit of 99.71 by id_dtks, every column of pkh_keluar('99.71').
select * from pkh_keluar('99.71') order by id_dtks

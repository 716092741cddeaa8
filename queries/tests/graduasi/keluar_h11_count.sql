-- Read by tests/test_graduasi.py::test_every_exit_whole_output.
-- Parameters: none.
-- Output: one row: number of PKH exits of h11.
select count(*) from pkh_keluar('99.71') where id_dtks = 'h11'

-- Read by tests/test_graduasi.py::test_import_loads_or_quarantines_every_row.
-- Parameters: none.
-- Output: the PKH exits of h5 and h10 by id_dtks: id_dtks, jenis.
select id_dtks, jenis from pkh_keluar('99.71') where id_dtks in ('h5', 'h10') order by 1

-- Read by tests/test_graduasi.py::test_import_loads_or_quarantines_every_row.
-- Parameters: none.
-- Output: the graduations of h5 and h10 by id_dtks: id_dtks, tahun, tanggal_graduasi, jenis, kode_kelurahan, nik_penerima.
select id_dtks, tahun, tanggal_graduasi, jenis, kode_kelurahan, nik_penerima from pkh_graduasi where id_dtks in ('h5', 'h10') order by 1

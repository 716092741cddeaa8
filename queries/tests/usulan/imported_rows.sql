-- Read by tests/test_usulan.py::test_import_loads_or_quarantines_every_row.
-- Parameters: none.
-- Output: the imported proposals A*, by id: id_usulan, siklus, kode_kelurahan, arah, alasan, id_dtks, tanggal_musyawarah, tahap.
select id_usulan, siklus, kode_kelurahan, arah, alasan, id_dtks, tanggal_musyawarah, tahap from usulan where id_usulan like 'A%' order by 1

-- Read by tests/test_pendataan.py::test_the_import_loads_or_quarantines_every_record.
-- Parameters: none.
-- Output: records n1, n2 and c1 by id: id_catatan, kode_kampanye, nama_petugas, peran, kode_kelurahan, tanggal, kategori.
select id_catatan, kode_kampanye, nama_petugas, peran, kode_kelurahan, tanggal, kategori from pendataan_catatan where id_catatan in ('n1', 'n2', 'c1') order by id_catatan

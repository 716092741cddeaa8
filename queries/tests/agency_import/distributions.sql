-- Read by tests/test_agency_import.py::test_distribution_report.
-- Parameters: none.
-- Output: every distribution by id: id_penyaluran, id_dtks, nik_penerima, kode_kelurahan, nilai_hak, nilai_diterima (rupiah), tanggal_salur (text), kanal, dokumen.
select id_penyaluran, id_dtks, nik_penerima, kode_kelurahan, nilai_hak, nilai_diterima, tanggal_salur::varchar, kanal, dokumen from bansos_penyaluran order by id_penyaluran

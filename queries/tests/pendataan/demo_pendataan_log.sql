-- Read by tests/test_pendataan.py::test_the_demo_campaign.
-- Parameters: none.
-- Output: the demo's pendataan import: jenis, baris_dibaca, baris_dimuat, baris_karantina.
select jenis, baris_dibaca, baris_dimuat, baris_karantina from impor_log where id_impor = 2

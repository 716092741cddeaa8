-- Read by tests/test_pendataan.py::test_the_demo_campaign.
-- Parameters: none.
-- Output: the quarantined rows of the demo's pendataan file (import 2) in row order: alasan.
select alasan from impor_karantina where id_impor = 2 order by nomor_baris

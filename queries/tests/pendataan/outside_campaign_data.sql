-- Read by tests/test_pendataan.py::test_the_import_loads_or_quarantines_every_record.
-- Parameters: none.
-- Output: one row per record quarantined as outside its campaign: data.
select data from impor_karantina where alasan = 'outside_campaign'

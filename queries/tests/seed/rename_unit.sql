-- The seeds with markup for names (tests/seed_pmks.py, tests/seed_six_t.py, tests/hostile_seed.py,
-- tests/test_browser_hostile.py): one unit renamed.
-- Parameters: $nama (the new name), $kode (the unit).
-- Output: none (sets wilayah.nama of $kode).
update wilayah set nama = $nama where kode = $kode

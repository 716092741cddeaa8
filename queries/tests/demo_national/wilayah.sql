-- Read by tests/test_demo_national.py::wilayah.
-- Parameters: none.
-- Output: one row per unit: kode, nama, level, jenis, kode_induk, geom (WKB), luas_km2 (km2), penduduk.
select kode, nama, level, jenis, kode_induk, geom, luas_km2, penduduk from wilayah

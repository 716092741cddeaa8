-- Read by tests/seed_pmks.py::build_pmks_seed.
-- Parameters: positional ($1, $2, ...), as the Output line says.
-- Output: none (inserts one kelurahan of the grid: $1 kode, $2 nama, $3 WKB square, $4 lon, $5 lat of its centre).
insert into wilayah (kode, nama, level, jenis, kode_induk, geom, geom_display, geom_sumber,
        luas_km2, penduduk, lon, lat)
values ($1, $2, 'kelurahan', 'kelurahan', '98.71.01', $3, $3, 'seed', 1, 10000, $4, $5)

-- Read by tests/test_warehouse_boundaries.py::test_boundaries_replace_demo_geometry_and_keep_listed_names.
-- Parameters: $g.
-- Output: none (inserts Alpha Resmi and Gamma with the demo's box $g, and Delta without a polygon).
insert into wilayah (kode, nama, level, jenis, kode_induk, geom, geom_display, geom_sumber) values
    ('99.71.01.1001', 'Alpha Resmi', 'kelurahan', 'kelurahan', '99.71.01', $g, $g, 'demo'),
    ('99.71.01.1003', 'Gamma', 'kelurahan', 'kelurahan', '99.71.01', $g, $g, 'demo'),
    ('99.71.01.1004', 'Delta', 'kelurahan', 'kelurahan', '99.71.01', null, null, null)

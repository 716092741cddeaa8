-- Read by tests/test_six_t.py::test_other_sasaran_reasons.
-- Parameters: none.
-- Output: none (inserts h30 without a desil, h31 moved away, h32 active).
insert into dtks_keluarga (id_dtks, no_kk, kode_kelurahan, desil, status) values
    ('h30', '9971010202260030', '99.71.01.1001', null, 'aktif'),
    ('h31', '9971010202260031', '99.71.01.1001', 1, 'pindah'),
    ('h32', '9971010202260032', '99.71.01.1001', 1, 'aktif')

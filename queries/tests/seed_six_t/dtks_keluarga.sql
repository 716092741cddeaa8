-- The 6T seed (tests/seed_six_t.py STATEMENTS, run in that order after tests/seed.py).
-- Parameters: none.
-- Output: none (inserts the 6T households h20, h21 (desil 7), h22, h24, h26).
insert into dtks_keluarga (id_dtks, no_kk, kode_kelurahan, desil, status) values
    ('h20', '9971010202260020', '99.71.01.1001', 2, 'aktif'),
    ('h21', '9971010202260021', '99.71.01.1001', 7, 'aktif'),
    ('h22', '9971010202260022', '99.71.01.1002', 3, 'aktif'),
    ('h24', '9971010202260024', '99.71.01.1002', 2, 'aktif'),
    ('h26', '9971010202260026', '99.71.01.1001', 1, 'aktif')

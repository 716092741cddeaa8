-- The targeting seed (tests/seed_targeting.py STATEMENTS, run in that order after tests/seed_six_t.py).
-- Parameters: none.
-- Output: none (inserts the six pendataan records c1-c6 of campaign UJI-1).
insert into pendataan_catatan values
    ('UJI-1', 'c1', 'T1', 'Tono Satu', 'tksk', '99.71.01.1001', '2026-02-02', 'yatim'),
    ('UJI-1', 'c2', 'T1', 'Tono Satu', 'tksk', '99.71.01.1001', '2026-02-03', 'piatu'),
    ('UJI-1', 'c3', null, 'Pendamping Dua', 'pendamping_pkh', '99.71.01.1001', '2026-02-10', 'yatim'),
    ('UJI-1', 'c4', null, 'Pendamping Dua', 'pendamping_pkh', '99.71.01.1002', '2026-02-10', 'yatim'),
    ('UJI-1', 'c5', null, 'Pendamping Dua', 'pendamping_pkh', '99.71.01.1002', '2026-02-20', 'yatim_piatu'),
    ('UJI-1', 'c6', 'T1', 'Tono Satu', 'tksk', '99.71.01.2004', '2026-03-01', 'yatim')

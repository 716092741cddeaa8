-- The 6T seed (tests/seed_six_t.py STATEMENTS, run in that order after tests/seed.py).
-- Parameters: none.
-- Output: none (inserts BPNT, 3 days of grace).
insert into bansos_program values
    ('BPNT', 'BPNT/Sembako', 'barang', 'bulan', 4, ['bast', 'foto'], 3)

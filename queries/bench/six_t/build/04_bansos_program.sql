-- The synthetic warehouse of bench/bench_six_t.py (run in file-name order): PKH and BPNT.
-- Parameters: none.
-- Output: none (inserts rows).
insert into bansos_program values
('PKH', 'Program Keluarga Harapan', 'tunai', 'triwulan', 4, ['bast', 'foto', 'ktp'], 0),
('BPNT', 'BPNT/Sembako', 'barang', 'bulan', 4, ['bast', 'foto', 'ktp'], 3)

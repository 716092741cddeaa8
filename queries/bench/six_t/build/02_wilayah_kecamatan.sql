-- The synthetic warehouse of bench/bench_six_t.py (run in file-name order): its 12 kecamatan.
-- Parameters: none.
-- Output: none (inserts rows).
insert into wilayah (kode, nama, level, jenis, kode_induk)
select printf('21.71.%02d', k), printf('Kecamatan %d', k), 'kecamatan', 'kecamatan', '21.71'
from range(1, 13) as r(k)

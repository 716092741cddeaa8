-- The synthetic warehouse of bench/bench_six_t.py (run in file-name order): 64 kelurahan spread over the kecamatan.
-- Parameters: none.
-- Output: none (inserts rows).
insert into wilayah (kode, nama, level, jenis, kode_induk)
select printf('21.71.%02d.%d', 1 + u % 12, 1001 + u), printf('Kelurahan %d', u),
    'kelurahan', 'kelurahan', printf('21.71.%02d', 1 + u % 12)
from range(64) as r(u)

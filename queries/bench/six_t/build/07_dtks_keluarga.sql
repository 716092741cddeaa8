-- The synthetic warehouse of bench/bench_six_t.py (run in file-name order): $households households, 3 % above desil 4, 1 % moved away, 0.1 % without a desil.
-- Parameters: $households.
-- Output: none (inserts rows).
insert into dtks_keluarga (id_dtks, no_kk, kode_kelurahan, desil, status)
select 'h' || i, printf('2171%012d', i), printf('21.71.%02d.%d', 1 + (i % 64) % 12, 1001 + i % 64),
    case when hash(i, 'desil') % 100 < 3 then 5 + hash(i, 'd2') % 5
         when hash(i, 'desil') % 1000 = 999 then null
         else 1 + hash(i, 'd2') % 4 end,
    case when hash(i, 'status') % 100 = 0 then 'pindah' else 'aktif' end
from range($households) as r(i)

-- The synthetic warehouse of bench/bench_six_t.py (run in file-name order): three members per household, 2 % not padan.
-- Parameters: $households.
-- Output: none (inserts rows).
insert into dtks_anggota (id_anggota, id_dtks, nik, nama, hubungan, status_padan, status)
select 'a' || (3 * i + j), 'h' || i, printf('2171%012d', 3 * i + j), 'Nama ' || (3 * i + j),
    case j when 0 then 'kepala_keluarga' when 1 then 'pasangan' else 'anak' end,
    case when hash(i, j, 'padan') % 100 < 2 then 'tidak_padan' else 'padan' end,
    'aktif'
from range($households) as r(i), range(3) as s(j)

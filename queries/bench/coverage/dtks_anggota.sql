-- Read by bench/bench_coverage.py::build.
-- Parameters: none.
-- Output: none (inserts 1-7 members per household (mean 4), 97 % active, 70 % padan).
insert into dtks_anggota (id_anggota, id_dtks, nik, nama, hubungan, status_padan, status)
select
    h.id_dtks || '-' || m,
    h.id_dtks,
    '2171' || lpad(cast(hash(h.id_dtks, m) % 1000000000000 as varchar), 12, '0'),
    'Anggota',
    case when m = 1 then 'kepala_keluarga' else 'anak' end,
    case when hash(h.id_dtks, m, 2) % 10 < 7 then 'padan' else 'belum' end,
    case when hash(h.id_dtks, m, 3) % 100 < 97 then 'aktif' else 'pindah' end
from dtks_keluarga as h
cross join range(1, 8) as t(m)
where m <= 1 + hash(h.id_dtks, 9) % 7

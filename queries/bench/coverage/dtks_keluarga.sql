-- Read by bench/bench_coverage.py::build.
-- Parameters: $n.
-- Output: none (inserts $n households, uneven sizes per kelurahan (hash modulo 64 squared), 5 % inactive).
insert into dtks_keluarga (id_dtks, no_kk, kode_kelurahan, status)
select
    'H' || lpad(cast(r as varchar), 9, '0'),
    '2171' || lpad(cast(r as varchar), 12, '0'),
    u.kode,
    case when hash(r, 1) % 100 < 95 then 'aktif'
         when hash(r, 1) % 100 < 97 then 'pindah'
         when hash(r, 1) % 100 < 99 then 'meninggal' else 'duplikat' end
from range($n) as t(r)
inner join unit_list as u on u.i = cast(floor(sqrt(hash(r, 0) % 4096)) as bigint)

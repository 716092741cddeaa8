-- The yardstick of bench/bench_national.py: active members per desa/kelurahan of a region read
-- through the members' own region key (no join), the cheapest region figure the warehouse has.
-- Parameters: $kode_region (a province or kab/kota code, dotted, e.g. '21.71').
-- Output: kode_kelurahan, members_count (active members); one row per unit with members.
select kode_kelurahan, count(*) as members_count
from dtks_anggota
where starts_with(kode_kelurahan, $kode_region || '.') and status = 'aktif'
group by kode_kelurahan

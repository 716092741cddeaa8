-- The same figure as demo/bench_members_by_unit.sql without the members' region key: through
-- their households, as every query had to before members carried kode_kelurahan (the gain of
-- the key, measured by bench/bench_national.py).
-- Parameters: $kode_region (a province or kab/kota code, dotted, e.g. '21.71').
-- Output: kode_kelurahan, members_count (active members); one row per unit with members.
select k.kode_kelurahan, count(*) as members_count
from dtks_anggota as a
inner join dtks_keluarga as k using (id_dtks)
where starts_with(k.kode_kelurahan, $kode_region || '.') and a.status = 'aktif'
group by k.kode_kelurahan

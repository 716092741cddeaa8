-- KPM who left PKH per kelurahan/desa and year, by kind, and the region's totals per year
-- (queries/analytics/51_pkh_keluar_kpm.sql: the exit rule and the kinds).
-- Parameters: $kode_region (kab/kota code, dotted), $scope_kelurahan (list of the
--   kelurahan/desa codes the user may see, null: all).
-- Output, one row per year with an exit and kelurahan (level 'kelurahan', every unit of the
--   region for every such year) and per year for the region (level 'region', kode =
--   $kode_region): level, tahun (integer), kode, nama, kode_kecamatan, kecamatan, keluar_count
--   (KPM that left PKH: every kind, masih_menerima ones left out), sejahtera_mandiri_count,
--   alamiah_tidak_layak_count, alamiah_pindah_count, alamiah_meninggal_count,
--   tanpa_keterangan_count (by kind, the same KPM), tidak_tercatat_count (left by the history,
--   not on the graduation list), masih_menerima_count (on the list, still paid after it).
with units as (
    select * from region_kelurahan($kode_region, p_scope := $scope_kelurahan)
),
exits as (
    select * from pkh_keluar($kode_region, p_scope := $scope_kelurahan)
),
years as (
    select distinct tahun from exits
),
grid as (
    select y.tahun, u.* from years as y cross join units as u
),
counted as (
    select
        grouping(g.kode) = 1 as is_region,
        g.tahun,
        g.kode,
        any_value(g.nama) as nama,
        any_value(g.kode_kecamatan) as kode_kecamatan,
        any_value(g.kecamatan) as kecamatan,
        count(e.id_dtks) filter (where not e.masih_menerima) as keluar_count,
        count(*) filter (where e.jenis = 'sejahtera_mandiri' and not e.masih_menerima) as sejahtera_mandiri_count,
        count(*) filter (where e.jenis = 'alamiah_tidak_layak' and not e.masih_menerima) as alamiah_tidak_layak_count,
        count(*) filter (where e.jenis = 'alamiah_pindah' and not e.masih_menerima) as alamiah_pindah_count,
        count(*) filter (where e.jenis = 'alamiah_meninggal' and not e.masih_menerima) as alamiah_meninggal_count,
        count(*) filter (where e.jenis = 'tanpa_keterangan') as tanpa_keterangan_count,
        count(*) filter (where not e.tercatat) as tidak_tercatat_count,
        count(*) filter (where e.masih_menerima) as masih_menerima_count
    from grid as g
    left join exits as e on e.kode_kelurahan = g.kode and e.tahun = g.tahun
    group by grouping sets ((g.tahun, g.kode), (g.tahun))
),
final as (
    select
        if(is_region, 'region', 'kelurahan') as level,
        tahun,
        if(is_region, $kode_region, kode) as kode,
        if(is_region, (select nama from wilayah where kode = $kode_region), nama) as nama,
        if(is_region, null, kode_kecamatan) as kode_kecamatan,
        if(is_region, null, kecamatan) as kecamatan,
        * exclude (is_region, tahun, kode, nama, kode_kecamatan, kecamatan)
    from counted
)
select * from final
order by tahun, level = 'kelurahan', kode

-- Musyawarah proposals per kelurahan/desa of a region in one cycle, and the region's totals
-- (queries/schema/32_usulan_status.sql: the stages and the ganda rule).
-- Parameters: $kode_region (kab/kota code, dotted), $siklus (verivali cycle),
--   $scope_kelurahan (list of the kelurahan/desa codes the user may see, null: all).
-- Output, one row per kelurahan (level 'kelurahan', every unit of the region, none left out)
--   and one for the region (level 'region', kode = $kode_region): level, kode, nama,
--   kode_kecamatan, kecamatan, proposals_count (proposals, ganda ones included), masuk_count,
--   keluar_count (by direction, ganda ones left out), ganda_count (the same subject proposed
--   again), ditetapkan_count, ditolak_count, pending_count (not ganda, still diusulkan,
--   diinput or diverifikasi), diinput_count, diverifikasi_count (pending ones at that stage),
--   tanpa_ba_count (no berita acara date), musyawarah_count (distinct berita acara dates: the
--   musyawarah held), first_musyawarah, last_musyawarah (dates), median_keputusan_hari (days
--   from the berita acara to the decision, median of the decided ones, null when none),
--   decided_with_days_count (decided proposals with both dates).
with units as (
    select * from region_kelurahan($kode_region, p_scope := $scope_kelurahan)
),
rows as (
    select * from usulan_status($kode_region, $siklus, p_scope := $scope_kelurahan)
),
counted as (
    select
        grouping(u.kode) = 1 as is_region,
        u.kode,
        any_value(u.nama) as nama,
        any_value(u.kode_kecamatan) as kode_kecamatan,
        any_value(u.kecamatan) as kecamatan,
        count(r.id_usulan) as proposals_count,
        count(*) filter (where r.arah = 'masuk' and not r.ganda) as masuk_count,
        count(*) filter (where r.arah = 'keluar' and not r.ganda) as keluar_count,
        count(*) filter (where r.ganda) as ganda_count,
        count(*) filter (where r.tahap = 'ditetapkan' and not r.ganda) as ditetapkan_count,
        count(*) filter (where r.tahap = 'ditolak' and not r.ganda) as ditolak_count,
        count(*) filter (where r.tahap in ('diusulkan', 'diinput', 'diverifikasi') and not r.ganda) as pending_count,
        count(*) filter (where r.tahap = 'diinput' and not r.ganda) as diinput_count,
        count(*) filter (where r.tahap = 'diverifikasi' and not r.ganda) as diverifikasi_count,
        count(*) filter (where r.id_usulan is not null and r.tanggal_musyawarah is null) as tanpa_ba_count,
        count(distinct r.tanggal_musyawarah) as musyawarah_count,
        min(r.tanggal_musyawarah) as first_musyawarah,
        max(r.tanggal_musyawarah) as last_musyawarah,
        median(r.keputusan_hari) filter (where not r.ganda) as median_keputusan_hari,
        count(r.keputusan_hari) filter (where not r.ganda) as decided_with_days_count
    from units as u
    left join rows as r on r.kode_kelurahan = u.kode
    group by grouping sets ((u.kode), ())
),
final as (
    select
        if(is_region, 'region', 'kelurahan') as level,
        if(is_region, $kode_region, kode) as kode,
        if(is_region, (select nama from wilayah where kode = $kode_region), nama) as nama,
        if(is_region, null, kode_kecamatan) as kode_kecamatan,
        if(is_region, null, kecamatan) as kecamatan,
        * exclude (is_region, kode, nama, kode_kecamatan, kecamatan)
    from counted
)
select * from final
order by level = 'kelurahan', kode

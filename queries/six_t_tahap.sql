-- The bansos programmes and tahap that have distributions in a region, for the 6T filters.
-- Parameters: $kode_region (kab/kota code, dotted),
--   $scope_kelurahan (the kelurahan codes the user may see, a list, or null for no limit).
-- Output, one row per programme and tahap, ordered by programme then tahap start:
--   kode_program, nama (programme name), jenis (tunai/barang), tahap, tanggal_mulai,
--   tanggal_selesai (the window, dates, null when the tahap is not in bansos_tahap),
--   distributions_count (distributions in the region, of the scope).
with counts as (
    select kode_program, tahap, count(*) as distributions_count
    from bansos_penyaluran
    where starts_with(kode_kelurahan, $kode_region || '.')
        and ($scope_kelurahan is null or list_contains($scope_kelurahan, kode_kelurahan))
    group by kode_program, tahap
),

final as (
    select
        c.kode_program,
        pr.nama,
        pr.jenis,
        c.tahap,
        th.tanggal_mulai,
        th.tanggal_selesai,
        c.distributions_count
    from counts as c
    inner join bansos_program as pr using (kode_program)
    left join bansos_tahap as th using (kode_program, tahap)
)

select * from final
order by kode_program, tanggal_mulai, tahap

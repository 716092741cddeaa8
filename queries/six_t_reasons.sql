-- How often each T failed for each reason among the distributions of a selection (the table
-- above the 6T drill-down), counted on the judged cells of six_t_cells (macro six_t_verdicts):
-- no distribution is read.
-- Parameters: $kode_region (kab/kota code, dotted), $kode_program, $tahap_bansos, $kanal
--   (filters, null = all), $toleransi_jumlah_rupiah, $toleransi_harga_rupiah (rupiah),
--   $toleransi_hari (days, null = each programme's own), $kode_kelurahan (one kelurahan, null =
--   all), $scope_kelurahan (the kelurahan codes the user may see, a list, or null for no limit).
-- Output, one row per T and reason with a failure: indicator (sasaran, jumlah, waktu, kualitas,
--   harga, administrasi), reason (code), failed_count (distributions; one failing two T counts
--   under both).
with
judged as (
    select *
    from six_t_verdicts(
        $kode_region, $kode_program, $tahap_bansos, $kanal,
        $toleransi_jumlah_rupiah, $toleransi_harga_rupiah, $toleransi_hari, $scope_kelurahan
    )
    where $kode_kelurahan is null or kode_kelurahan = $kode_kelurahan
),

failed as (
    select 'sasaran' as indicator, sasaran_reason as reason, distributions_count from judged where sasaran_met is false
    union all
    select 'jumlah', jumlah_reason, distributions_count from judged where jumlah_met is false
    union all
    select 'waktu', waktu_reason, distributions_count from judged where waktu_met is false
    union all
    select 'kualitas', kualitas_reason, distributions_count from judged where kualitas_met is false
    union all
    select 'harga', harga_reason, distributions_count from judged where harga_met is false
    union all
    select 'administrasi', administrasi_reason, distributions_count from judged where administrasi_met is false
),

final as (
    select indicator, reason, sum(distributions_count) as failed_count
    from failed
    group by indicator, reason
)

select * from final
order by indicator, reason

-- The field-verification sample of the 6T working paper: from every kelurahan the
-- $per_kelurahan distributions of the selection with the smallest SHA-256 of "<seed>:<id>"
-- (analytics.six_t.sample_key, so an auditor can redraw it with any tool; a kelurahan with
-- fewer gives all of them), with each T's verdict as in six_t_penyaluran.sql.
-- Parameters: $kode_region (kab/kota code, dotted), $kode_program, $tahap_bansos, $kanal
--   (filters, null = all), $toleransi_jumlah_rupiah, $toleransi_harga_rupiah (rupiah),
--   $toleransi_hari (days, null = each programme's own), $scope_kelurahan (the kelurahan codes
--   the user may see, a list, or null for no limit), $per_kelurahan (distributions drawn per
--   kelurahan), $benih (the seed, a whole number).
-- Output, one row per drawn distribution, ordered by kode_kelurahan, sample_rank: the columns
--   of six_t_penyaluran.sql, sample_rank (1 = first drawn in its kelurahan), stratum_count
--   (distributions of the selection in the kelurahan).
with
-- analytics.six_t.sample_key: the rows with the smallest SHA-256 of "<seed>:<id>" are drawn.
ranked as (
    select
        *,
        row_number() over (
            partition by kode_kelurahan order by sha256(cast($benih as varchar) || ':' || id_penyaluran)
        ) as sample_rank,
        count(*) over (partition by kode_kelurahan) as stratum_count
    from six_t_distributions(
        $kode_region, $kode_program, $tahap_bansos, $kanal,
        $toleransi_jumlah_rupiah, $toleransi_harga_rupiah, $toleransi_hari, $scope_kelurahan
    )
),

final as (
    select * from ranked
    where sample_rank <= $per_kelurahan
)

select * from final
order by kode_kelurahan, sample_rank

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
judged as (
    select *
    from six_t_verdicts(
        $kode_region, $kode_program, $tahap_bansos, $kanal,
        $toleransi_jumlah_rupiah, $toleransi_harga_rupiah, $toleransi_hari, $scope_kelurahan
    )
),

rows as (
    select
        d.id_penyaluran,
        d.kode_program,
        d.jenis,
        d.tahap,
        d.kanal,
        d.id_penyalur,
        d.kode_kelurahan,
        w.nama as kelurahan,
        w.kode_induk as kode_kecamatan,
        k.nama as kecamatan,
        d.id_dtks,
        d.no_kk,
        d.nik_penerima,
        d.nama,
        d.tanggal_salur,
        d.nilai_hak as nilai_hak_rupiah,
        d.nilai_diterima as nilai_diterima_rupiah,
        d.hak_tahap as hak_tahap_rupiah,
        d.nilai_hak_berbeda,
        d.harga_dibayar as harga_dibayar_rupiah,
        d.harga_acuan as harga_acuan_rupiah,
        d.desil,
        d.desil_maks,
        d.days_after_end as days_late,
        d.missing_documents,
        d.tahap_open,
        v.sasaran_met,
        v.sasaran_reason,
        v.jumlah_met,
        v.jumlah_reason,
        v.waktu_met,
        v.waktu_reason,
        v.kualitas_met,
        v.kualitas_reason,
        v.harga_met,
        v.harga_reason,
        v.administrasi_met,
        v.administrasi_reason,
        v.compliant,
        v.failed_count,
        v.deduction_each_rupiah as deduction_rupiah,
        case when not v.sasaran_met then d.nilai_diterima else 0 end as ineligible_rupiah,
        v.deduction_each_rupiah + case when not v.sasaran_met then d.nilai_diterima else 0 end as at_risk_rupiah
    from six_t_inputs as d
    inner join judged as v using (cell)
    left join wilayah as w on w.kode = d.kode_kelurahan
    left join wilayah as k on k.kode = w.kode_induk
),

-- analytics.six_t.sample_key: the rows with the smallest SHA-256 of "<seed>:<id>" are drawn.
ranked as (
    select
        *,
        row_number() over (
            partition by kode_kelurahan order by sha256(cast($benih as varchar) || ':' || id_penyaluran)
        ) as sample_rank,
        count(*) over (partition by kode_kelurahan) as stratum_count
    from rows
),

final as (
    select * from ranked
    where sample_rank <= $per_kelurahan
)

select * from final
order by kode_kelurahan, sample_rank

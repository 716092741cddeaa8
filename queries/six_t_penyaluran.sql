-- The 6T of bansos distributions, one page of them: each T met (true), not met (false) or not
-- applicable (null), with a reason code, the recipient's identifiers and the rupiah at risk.
-- The rules are those of queries/analytics/20_six_t_inputs.sql (decided at write time) and of
-- the macro six_t_verdicts (the settings' part, judged per cell of six_t_cells); the rows are
-- those of the macro six_t_distributions.
-- Parameters: $kode_region (kab/kota code, dotted), $kode_program, $tahap_bansos, $kanal
--   (filters, null = all), $toleransi_jumlah_rupiah (rupiah a received amount may differ from
--   the entitlement), $toleransi_harga_rupiah (rupiah a package may cost above harga_acuan),
--   $toleransi_hari (days of grace after the tahap window, null = each programme's
--   toleransi_hari), $hanya_gagal (true: only distributions failing at least one T),
--   $gagal_t (one T: only distributions failing it, null = no such filter), $kode_kelurahan
--   (one kelurahan, null = all), $scope_kelurahan (the kelurahan codes the user may see, a list,
--   or null for no limit), $batas and $lewati (the page: at most $batas rows, null = all, after
--   skipping $lewati).
-- Output, one row per distribution, ordered by kode_kelurahan, id_penyaluran:
--   id_penyaluran, kode_program, jenis (tunai/barang), tahap, kanal, id_penyalur,
--   kode_kelurahan, kelurahan, kode_kecamatan, kecamatan, id_dtks, no_kk, nik_penerima, nama
--   (recipient's name, null when not a member), tanggal_salur (date), nilai_hak_rupiah,
--   nilai_diterima_rupiah, hak_tahap_rupiah (the programme's entitlement for the tahap),
--   nilai_hak_berbeda (boolean: the report's nilai_hak differs from it), harga_dibayar_rupiah,
--   harga_acuan_rupiah, desil, desil_maks, days_late (days after tanggal_selesai, 0 when not
--   late), missing_documents (text, comma separated), tahap_open (boolean: the tahap ends after
--   the data date), <t>_met (boolean or null) and <t>_reason (text) for t in sasaran, jumlah,
--   waktu, kualitas, harga, administrasi, compliant (every applicable T met),
--   failed_count (T not met), deduction_rupiah (hak_tahap - nilai_diterima when jumlah fails
--   for a deduction, else 0), ineligible_rupiah (nilai_diterima when sasaran fails, else 0),
--   at_risk_rupiah (the sum of the two).
with
final as (
    select *
    from six_t_distributions(
        $kode_region, $kode_program, $tahap_bansos, $kanal,
        $toleransi_jumlah_rupiah, $toleransi_harga_rupiah, $toleransi_hari, $scope_kelurahan
    )
    where ($kode_kelurahan is null or kode_kelurahan = $kode_kelurahan)
        and (not coalesce(cast($hanya_gagal as boolean), false) or not compliant)
        and (
            $gagal_t is null
            or case $gagal_t
                when 'sasaran' then sasaran_met
                when 'jumlah' then jumlah_met
                when 'waktu' then waktu_met
                when 'kualitas' then kualitas_met
                when 'harga' then harga_met
                when 'administrasi' then administrasi_met
            end is false
        )
)

select * from final
order by kode_kelurahan, id_penyaluran
limit $batas
offset coalesce($lewati, 0)

-- The 6T of every bansos distribution: each T met (true), not met (false) or not applicable
-- (null), with a reason code, the recipient's identifiers and the rupiah at risk.
-- Parameters: $kode_region (kab/kota code, dotted), $kode_program, $tahap_bansos, $kanal
--   (filters, null = all), $toleransi_jumlah_rupiah (rupiah a received amount may differ from
--   the entitlement), $toleransi_harga_rupiah (rupiah a package may cost above harga_acuan),
--   $toleransi_hari (days of grace after the tahap window, null = each programme's
--   toleransi_hari), $hanya_gagal (true: only distributions failing at least one T),
--   $scope_kelurahan (the kelurahan codes the user may see, a list, or null for no limit).
-- Rules (docs/architecture.md, 6T), in the order the reason codes are checked:
--   sasaran: the household (id_dtks) is in DTKS (tidak_di_dtks) and active
--     (keluarga_tidak_aktif), nik_penerima is a member of it (penerima_bukan_anggota), active
--     (penerima_tidak_aktif) and padan (nik_tidak_padan), its desil is ranked (desil_kosong)
--     and within desil_maks (desil_di_atas_batas), it is the household's first distribution
--     of the programme in the tahap, by tanggal_salur then id_penyaluran (ganda). The desil is
--     the one in force when the tahap began: the latest assigned (verivali tahap 'desil') by
--     tanggal_mulai if a later assignment replaced it, else the household's current desil.
--   jumlah: nilai_diterima within the tolerance of the tahap's entitlement (bansos_tahap
--     nilai_per_kpm, the report's nilai_hak for an unknown tahap) (potongan, lebih_bayar).
--   waktu: tanggal_salur from tanggal_mulai to tanggal_selesai plus the grace days
--     (sebelum_jadwal, terlambat, tahap_tidak_dikenal when the tahap is not in bansos_tahap);
--     in a tahap not closed on the data date belum_jatuh_tempo, waktu_met null.
--   kualitas (goods only, else null with reason tunai): lolos_kualitas true
--     (tidak_lolos_qc, qc_tidak_dicatat).
--   harga (goods only, null with reason tunai or tanpa_harga_acuan): harga_dibayar at most
--     harga_acuan plus the tolerance (di_atas_acuan, harga_tidak_dicatat).
--   administrasi: every document of dokumen_wajib present (dokumen_kurang).
-- Distributions of a programme missing from bansos_program are not evaluated (no rules).
-- Output, one row per distribution, ordered by kode_kelurahan, id_penyaluran:
--   id_penyaluran, kode_program, jenis (tunai/barang), tahap, kanal, id_penyalur,
--   kode_kelurahan, kelurahan, kode_kecamatan, kecamatan, id_dtks, no_kk, nik_penerima, nama
--   (recipient's name, null when not a member), tanggal_salur (date), nilai_hak_rupiah,
--   nilai_diterima_rupiah, hak_tahap_rupiah (the programme's entitlement for the tahap),
--   nilai_hak_berbeda (boolean: the report's nilai_hak differs from it), harga_dibayar_rupiah, harga_acuan_rupiah, desil, desil_maks,
--   days_late (days after tanggal_selesai, 0 when not late), missing_documents (text, comma
--   separated), tahap_open (boolean: the tahap ends after the data date), <t>_met (boolean or null) and <t>_reason (text) for t in sasaran, jumlah,
--   waktu, kualitas, harga, administrasi, compliant (every applicable T met),
--   failed_count (T not met), deduction_rupiah (hak_tahap - nilai_diterima when jumlah fails
--   for a deduction, else 0), ineligible_rupiah (nilai_diterima when sasaran fails, else 0),
--   at_risk_rupiah (the sum of the two).
with
flags as (
    select *
    from six_t_verdicts(
        $kode_region, $kode_program, $tahap_bansos, $kanal,
        $toleransi_jumlah_rupiah, $toleransi_harga_rupiah, $toleransi_hari, $scope_kelurahan
    )
),

final as (
    select
        f.id_penyaluran,
        f.kode_program,
        f.jenis,
        f.tahap,
        f.kanal,
        f.id_penyalur,
        f.kode_kelurahan,
        w.nama as kelurahan,
        w.kode_induk as kode_kecamatan,
        k.nama as kecamatan,
        f.id_dtks,
        f.no_kk,
        f.nik_penerima,
        f.nama,
        f.tanggal_salur,
        f.nilai_hak as nilai_hak_rupiah,
        f.nilai_diterima as nilai_diterima_rupiah,
        f.hak_tahap as hak_tahap_rupiah,
        f.nilai_hak_berbeda,
        f.harga_dibayar as harga_dibayar_rupiah,
        f.harga_acuan as harga_acuan_rupiah,
        f.desil,
        f.desil_maks,
        greatest(coalesce(f.tanggal_salur - f.tanggal_selesai, 0), 0) as days_late,
        array_to_string(
            list_filter(f.dokumen_wajib, lambda x: not list_contains(f.dokumen, x)), ', '
        ) as missing_documents,
        f.tahap_open,
        f.sasaran_met,
        f.sasaran_reason,
        f.jumlah_met,
        f.jumlah_reason,
        f.waktu_met,
        f.waktu_reason,
        f.kualitas_met,
        f.kualitas_reason,
        f.harga_met,
        f.harga_reason,
        f.administrasi_met,
        f.administrasi_reason,
        coalesce(f.sasaran_met, true) and coalesce(f.jumlah_met, true)
            and coalesce(f.waktu_met, true) and coalesce(f.kualitas_met, true)
            and coalesce(f.harga_met, true) and coalesce(f.administrasi_met, true) as compliant,
        cast(f.sasaran_met is false as integer) + cast(f.jumlah_met is false as integer)
            + cast(f.waktu_met is false as integer) + cast(f.kualitas_met is false as integer)
            + cast(f.harga_met is false as integer)
            + cast(f.administrasi_met is false as integer) as failed_count,
        case when f.jumlah_reason = 'potongan' then f.hak_tahap - f.nilai_diterima else 0 end
            as deduction_rupiah,
        case when not f.sasaran_met then f.nilai_diterima else 0 end as ineligible_rupiah,
        case when f.jumlah_reason = 'potongan' then f.hak_tahap - f.nilai_diterima else 0 end
            + case when not f.sasaran_met then f.nilai_diterima else 0 end as at_risk_rupiah
    from flags as f
    left join wilayah as w on w.kode = f.kode_kelurahan
    left join wilayah as k on k.kode = w.kode_induk
)

select * from final
where not coalesce(cast($hanya_gagal as boolean), false) or not compliant
order by kode_kelurahan, id_penyaluran

-- six_t_distributions (a macro, built after six_t_verdicts, which it reads):
-- six_t_distributions(p_kode_region, p_kode_program, p_tahap_bansos, p_kanal,
--   p_toleransi_jumlah_rupiah, p_toleransi_harga_rupiah, p_toleransi_hari, p_scope): every
-- distribution of six_t_inputs in the selection with the 6T of its cell (six_t_verdicts, same
-- parameters), its kelurahan's and kecamatan's names and the rupiah at risk: the one place the
-- rows of six_t_penyaluran.sql (the drill-down) and six_t_sample.sql (the working paper) are
-- written.
-- Output, one row per distribution: id_penyaluran, kode_program, jenis (tunai/barang), tahap,
--   kanal, id_penyalur, kode_kelurahan, kelurahan, kode_kecamatan, kecamatan, id_dtks, no_kk,
--   nik_penerima, nama, tanggal_salur (date), nilai_hak_rupiah, nilai_diterima_rupiah,
--   hak_tahap_rupiah, nilai_hak_berbeda (boolean), harga_dibayar_rupiah, harga_acuan_rupiah,
--   desil, desil_maks, days_late (days), missing_documents (text), tahap_open (boolean),
--   <t>_met and <t>_reason for the six T, compliant, failed_count, deduction_rupiah,
--   ineligible_rupiah, at_risk_rupiah (rupiah), as described in six_t_penyaluran.sql.
create or replace macro six_t_distributions(
    p_kode_region, p_kode_program, p_tahap_bansos, p_kanal,
    p_toleransi_jumlah_rupiah, p_toleransi_harga_rupiah, p_toleransi_hari, p_scope
) as table
with
judged as (
    select *
    from six_t_verdicts(
        p_kode_region, p_kode_program, p_tahap_bansos, p_kanal,
        p_toleransi_jumlah_rupiah, p_toleransi_harga_rupiah, p_toleransi_hari, p_scope
    )
),

final as (
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
)

select * from final

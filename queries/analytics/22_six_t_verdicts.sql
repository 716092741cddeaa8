-- six_t_verdicts (a macro, built at write time after the table it reads, which a macro needs to
-- exist): six_t_verdicts(p_kode_region, p_kode_program, p_tahap_bansos, p_kanal,
--   p_toleransi_jumlah_rupiah, p_toleransi_harga_rupiah, p_toleransi_hari, p_scope): the 6T of
-- the cells of six_t_cells (queries/analytics/21_six_t_cells.sql: distributions with the same
-- kelurahan, programme, tahap, channel and 6T inputs) under the given settings, the one place
-- the rules that depend on the settings are written (the others are decided at write time in
-- queries/analytics/20_six_t_inputs.sql). six_t_units.sql counts these cells, the macro
-- six_t_distributions joins them to the distributions of six_t_inputs by cell.
-- Parameters as the $parameters of those files: the region (kab/kota code, dotted), the filters
-- (null = all), the tolerances in rupiah and the days of grace (null = each programme's
-- toleransi_hari), the kelurahan codes the signed-in user may see (p_scope, a list bound from
-- $scope_kelurahan, null for no limit; repeats were found before any of these filters).
-- Rules judged here (docs/architecture.md, 6T):
--   jumlah: nilai_diterima within the tolerance of the tahap's entitlement (potongan, lebih_bayar).
--   waktu: a distribution of a closed tahap paid on or after tanggal_mulai is late (terlambat)
--     when paid more than the grace days after tanggal_selesai; the other reasons
--     (tahap_tidak_dikenal, sebelum_jadwal, belum_jatuh_tempo) are fixed at write time.
--   harga: harga_dibayar at most harga_acuan plus the tolerance (di_atas_acuan); tunai,
--     tanpa_harga_acuan and harga_tidak_dicatat are fixed at write time.
-- Output, one row per cell: the columns of six_t_cells, <t>_reason (text, null when met) and
--   <t>_met (boolean, null when not applicable) for t in sasaran, jumlah, waktu, kualitas, harga,
--   administrasi, compliant (every applicable T met), failed_count (T not met by each of its
--   distributions), deduction_each_rupiah (hak_tahap - nilai_diterima of each distribution when
--   jumlah fails for a deduction, else 0), deduction_rupiah (of the cell), ineligible_rupiah
--   (nilai_diterima of the cell when sasaran fails, else 0).
create or replace macro six_t_verdicts(
    p_kode_region, p_kode_program, p_tahap_bansos, p_kanal,
    p_toleransi_jumlah_rupiah, p_toleransi_harga_rupiah, p_toleransi_hari, p_scope
) as table
with
cells as (
    select *
    from six_t_cells
    where starts_with(kode_kelurahan, p_kode_region || '.')
        and (p_scope is null or list_contains(p_scope, kode_kelurahan))
        and (p_kode_program is null or kode_program = p_kode_program)
        and (p_tahap_bansos is null or tahap = p_tahap_bansos)
        and (p_kanal is null or kanal = p_kanal)
),

reasons as (
    select
        *,
        case
            when jumlah_gap_rupiah < - cast(p_toleransi_jumlah_rupiah as bigint) then 'potongan'
            when jumlah_gap_rupiah > cast(p_toleransi_jumlah_rupiah as bigint) then 'lebih_bayar'
        end as jumlah_reason,
        coalesce(
            waktu_fixed_reason,
            case
                when days_after_end > coalesce(cast(p_toleransi_hari as integer), program_grace_days) then 'terlambat'
            end
        ) as waktu_reason,
        coalesce(
            harga_fixed_reason,
            case when harga_excess_rupiah > cast(p_toleransi_harga_rupiah as bigint) then 'di_atas_acuan' end
        ) as harga_reason
    from cells
),

verdicts as (
    select
        *,
        sasaran_reason is null as sasaran_met,
        jumlah_reason is null as jumlah_met,
        case when waktu_reason = 'belum_jatuh_tempo' then null else waktu_reason is null end as waktu_met,
        case when kualitas_reason = 'tunai' then null else kualitas_reason is null end as kualitas_met,
        case
            when harga_reason in ('tunai', 'tanpa_harga_acuan') then null
            else harga_reason is null
        end as harga_met,
        administrasi_reason is null as administrasi_met
    from reasons
),

final as (
    select
        *,
        coalesce(sasaran_met, true) and coalesce(jumlah_met, true)
            and coalesce(waktu_met, true) and coalesce(kualitas_met, true)
            and coalesce(harga_met, true) and coalesce(administrasi_met, true) as compliant,
        cast(sasaran_met is false as integer) + cast(jumlah_met is false as integer)
            + cast(waktu_met is false as integer) + cast(kualitas_met is false as integer)
            + cast(harga_met is false as integer)
            + cast(administrasi_met is false as integer) as failed_count,
        case when jumlah_reason = 'potongan' then - jumlah_gap_rupiah else 0 end as deduction_each_rupiah,
        case when jumlah_reason = 'potongan' then - jumlah_gap_rupiah * distributions_count else 0 end
            as deduction_rupiah,
        case when not sasaran_met then nilai_diterima_rupiah else 0 end as ineligible_rupiah
    from verdicts
)

select * from final

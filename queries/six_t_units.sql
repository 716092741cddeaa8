-- The 6T counts and rupiah at risk per unit: region, kecamatan, kelurahan, programme,
-- programme and tahap, channel (one grouping-set query, rates are computed in analytics.six_t).
-- It counts the cells of six_t_cells (built at write time) judged by the macro six_t_verdicts,
-- the same verdicts six_t_penyaluran.sql lists per distribution (a test checks that both give
-- the same figures).
-- Parameters: $kode_region (kab/kota code, dotted), $kode_program, $tahap_bansos, $kanal
--   (filters, null = all), $toleransi_jumlah_rupiah, $toleransi_harga_rupiah (rupiah),
--   $toleransi_hari (days of grace after the tahap window, null = each programme's own),
--   $scope_kelurahan (the kelurahan codes the user may see, a list, or null for no limit):
--   every level counts the distributions of the scope's kelurahan only.
-- Output, one row per unit, every kelurahan/desa of the region has a row (zero counts where it
-- has no distribution):
--   level (region, kecamatan, kelurahan, program, tahap, kanal), kode (the unit: region,
--     kecamatan or kelurahan code, kode_program, tahap or kanal), nama (unit name, programme
--     name, for tahap and kanal the code), kode_kecamatan, kecamatan (kelurahan rows),
--     kode_program (program and tahap rows), tanggal_mulai (tahap rows: start of the window),
--   distributions_count, compliant_count (every applicable T met), failed_count (at least one
--     T not met), <t>_applicable_count and <t>_met_count for t in sasaran, jumlah, waktu,
--     kualitas, harga, administrasi (distributions),
--   nilai_hak_rupiah, nilai_diterima_rupiah, deduction_rupiah, ineligible_rupiah,
--   at_risk_rupiah (rupiah, as in six_t_penyaluran.sql), nilai_hak_berbeda_count
--   (distributions whose reported nilai_hak differs from the tahap's nilai_per_kpm).
with
-- Cells of distributions with the same unit and the same 6T inputs, judged under the settings.
patterns as (
    select
        kode_kelurahan,
        kode_program,
        tahap,
        kanal,
        sasaran_met,
        jumlah_met,
        waktu_met,
        kualitas_met,
        harga_met,
        administrasi_met,
        compliant,
        distributions_count as n,
        nilai_hak_rupiah,
        nilai_diterima_rupiah,
        deduction_rupiah,
        ineligible_rupiah,
        nilai_hak_berbeda_count
    from six_t_verdicts(
        $kode_region, $kode_program, $tahap_bansos, $kanal,
        $toleransi_jumlah_rupiah, $toleransi_harga_rupiah, $toleransi_hari, $scope_kelurahan
    )
),

cell_counts as (
    select
        kode_kelurahan,
        kode_program,
        tahap,
        kanal,
        sum(n) as distributions_count,
        coalesce(sum(n) filter (where compliant), 0) as compliant_count,
        coalesce(sum(n) filter (where not compliant), 0) as failed_count,
        coalesce(sum(n) filter (where sasaran_met is not null), 0) as sasaran_applicable_count,
        coalesce(sum(n) filter (where sasaran_met), 0) as sasaran_met_count,
        coalesce(sum(n) filter (where jumlah_met is not null), 0) as jumlah_applicable_count,
        coalesce(sum(n) filter (where jumlah_met), 0) as jumlah_met_count,
        coalesce(sum(n) filter (where waktu_met is not null), 0) as waktu_applicable_count,
        coalesce(sum(n) filter (where waktu_met), 0) as waktu_met_count,
        coalesce(sum(n) filter (where kualitas_met is not null), 0) as kualitas_applicable_count,
        coalesce(sum(n) filter (where kualitas_met), 0) as kualitas_met_count,
        coalesce(sum(n) filter (where harga_met is not null), 0) as harga_applicable_count,
        coalesce(sum(n) filter (where harga_met), 0) as harga_met_count,
        coalesce(sum(n) filter (where administrasi_met is not null), 0) as administrasi_applicable_count,
        coalesce(sum(n) filter (where administrasi_met), 0) as administrasi_met_count,
        sum(nilai_hak_rupiah) as nilai_hak_rupiah,
        sum(nilai_diterima_rupiah) as nilai_diterima_rupiah,
        sum(deduction_rupiah) as deduction_rupiah,
        sum(ineligible_rupiah) as ineligible_rupiah,
        sum(nilai_hak_berbeda_count) as nilai_hak_berbeda_count
    from patterns
    group by all
),

cells as (
    select c.*, w.kode_induk as kode_kecamatan
    from cell_counts as c
    left join wilayah as w on w.kode = c.kode_kelurahan
),

groups as (
    select
        case
            when grouping(kode_kelurahan) = 0 then 'kelurahan'
            when grouping(kode_kecamatan) = 0 then 'kecamatan'
            when grouping(tahap) = 0 then 'tahap'
            when grouping(kode_program) = 0 then 'program'
            when grouping(kanal) = 0 then 'kanal'
            else 'region'
        end as level,
        case
            when grouping(kode_kelurahan) = 0 then kode_kelurahan
            when grouping(kode_kecamatan) = 0 then kode_kecamatan
            when grouping(tahap) = 0 then tahap
            when grouping(kode_program) = 0 then kode_program
            when grouping(kanal) = 0 then kanal
            else $kode_region
        end as kode,
        kode_program,
        cast(sum(distributions_count) as bigint) as distributions_count,
        cast(sum(compliant_count) as bigint) as compliant_count,
        cast(sum(failed_count) as bigint) as failed_count,
        cast(sum(sasaran_applicable_count) as bigint) as sasaran_applicable_count,
        cast(sum(sasaran_met_count) as bigint) as sasaran_met_count,
        cast(sum(jumlah_applicable_count) as bigint) as jumlah_applicable_count,
        cast(sum(jumlah_met_count) as bigint) as jumlah_met_count,
        cast(sum(waktu_applicable_count) as bigint) as waktu_applicable_count,
        cast(sum(waktu_met_count) as bigint) as waktu_met_count,
        cast(sum(kualitas_applicable_count) as bigint) as kualitas_applicable_count,
        cast(sum(kualitas_met_count) as bigint) as kualitas_met_count,
        cast(sum(harga_applicable_count) as bigint) as harga_applicable_count,
        cast(sum(harga_met_count) as bigint) as harga_met_count,
        cast(sum(administrasi_applicable_count) as bigint) as administrasi_applicable_count,
        cast(sum(administrasi_met_count) as bigint) as administrasi_met_count,
        cast(sum(nilai_hak_rupiah) as bigint) as nilai_hak_rupiah,
        cast(sum(nilai_diterima_rupiah) as bigint) as nilai_diterima_rupiah,
        cast(sum(deduction_rupiah) as bigint) as deduction_rupiah,
        cast(sum(ineligible_rupiah) as bigint) as ineligible_rupiah,
        cast(sum(nilai_hak_berbeda_count) as bigint) as nilai_hak_berbeda_count
    from cells
    group by grouping sets (
        (), (kode_kecamatan), (kode_kelurahan), (kode_program), (kode_program, tahap), (kanal)
    )
),

units as (
    select kode, nama, kode_kecamatan, kecamatan
    from region_kelurahan($kode_region, p_scope := $scope_kelurahan)
),

final as (
    select
        g.level,
        g.kode,
        coalesce(w.nama, pr.nama, g.kode) as nama,
        cast(null as varchar) as kode_kecamatan,
        cast(null as varchar) as kecamatan,
        g.kode_program,
        th.tanggal_mulai,
        g.* exclude (level, kode, kode_program),
        g.deduction_rupiah + g.ineligible_rupiah as at_risk_rupiah
    from groups as g
    left join wilayah as w on g.level in ('region', 'kecamatan') and w.kode = g.kode
    left join bansos_program as pr on g.level = 'program' and pr.kode_program = g.kode
    left join bansos_tahap as th
        on g.level = 'tahap' and th.kode_program = g.kode_program and th.tahap = g.kode
    where g.level <> 'kelurahan'

    union all by name

    select
        'kelurahan' as level,
        u.kode,
        u.nama,
        u.kode_kecamatan,
        u.kecamatan,
        cast(null as varchar) as kode_program,
        cast(null as date) as tanggal_mulai,
        coalesce(g.distributions_count, 0) as distributions_count,
        coalesce(g.compliant_count, 0) as compliant_count,
        coalesce(g.failed_count, 0) as failed_count,
        coalesce(g.sasaran_applicable_count, 0) as sasaran_applicable_count,
        coalesce(g.sasaran_met_count, 0) as sasaran_met_count,
        coalesce(g.jumlah_applicable_count, 0) as jumlah_applicable_count,
        coalesce(g.jumlah_met_count, 0) as jumlah_met_count,
        coalesce(g.waktu_applicable_count, 0) as waktu_applicable_count,
        coalesce(g.waktu_met_count, 0) as waktu_met_count,
        coalesce(g.kualitas_applicable_count, 0) as kualitas_applicable_count,
        coalesce(g.kualitas_met_count, 0) as kualitas_met_count,
        coalesce(g.harga_applicable_count, 0) as harga_applicable_count,
        coalesce(g.harga_met_count, 0) as harga_met_count,
        coalesce(g.administrasi_applicable_count, 0) as administrasi_applicable_count,
        coalesce(g.administrasi_met_count, 0) as administrasi_met_count,
        coalesce(g.nilai_hak_rupiah, 0) as nilai_hak_rupiah,
        coalesce(g.nilai_diterima_rupiah, 0) as nilai_diterima_rupiah,
        coalesce(g.deduction_rupiah, 0) as deduction_rupiah,
        coalesce(g.ineligible_rupiah, 0) as ineligible_rupiah,
        coalesce(g.nilai_hak_berbeda_count, 0) as nilai_hak_berbeda_count,
        coalesce(g.deduction_rupiah + g.ineligible_rupiah, 0) as at_risk_rupiah
    from units as u
    left join groups as g on g.level = 'kelurahan' and g.kode = u.kode
)

select * from final
order by
    list_position(['region', 'kecamatan', 'kelurahan', 'program', 'tahap', 'kanal'], level),
    kode_program,
    tanggal_mulai,
    kode

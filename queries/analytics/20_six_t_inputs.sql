-- six_t_inputs: the 6T inputs of every bansos distribution, built at write time
-- (warehouse.db.refresh_analytics). Everything of the 6T rules (docs/architecture.md, 6T) that
-- no setting of config/six_t.toml changes is decided here once: the sasaran, kualitas and
-- administrasi verdicts and the parts of jumlah, waktu and harga that no tolerance changes. What a
-- tolerance decides is kept as its input (rupiah or days) and judged at page time by the macro
-- six_t_verdicts (22_six_t_verdicts.sql) on six_t_cells (21_six_t_cells.sql).
-- Rules decided here, in the order the reason codes are checked:
--   sasaran is judged on the distribution date: a household or member that is pindah, meninggal or
--     duplikat today was still aktif before the first verivali of the household with that hasil
--     (no such verivali: the status counts on every date).
--   sasaran: the household (id_dtks) is in DTKS (tidak_di_dtks) and active
--     (keluarga_tidak_aktif), nik_penerima is a member of it (penerima_bukan_anggota), active
--     (penerima_tidak_aktif) and padan (nik_tidak_padan), its desil is ranked (desil_kosong)
--     and within desil_maks (desil_di_atas_batas), it is the household's first distribution
--     of the programme in the tahap, by tanggal_salur then id_penyaluran (ganda). The desil is
--     the one in force when the tahap began: the latest assigned (verivali tahap 'desil') by
--     tanggal_mulai if a later assignment replaced it, else the household's current desil.
--     A distribution paid before the household's first ranking (verivali tahap 'desil') had no
--     desil yet: desil null, reason desil_kosong ("desil belum ditetapkan"), not above the limit.
--     A household registered (tanggal_terdaftar) before the verivali history begins was ranked
--     before it, off the record, and keeps the rule above.
--   jumlah is judged against the programme's entitlement for the tahap (bansos_tahap.nilai_per_kpm,
--     the report's own nilai_hak only when the tahap is not in bansos_tahap); a report whose
--     nilai_hak differs from nilai_per_kpm is flagged (nilai_hak_berbeda), whatever its verdicts.
--   waktu: tahap_tidak_dikenal when the tahap is not in bansos_tahap, sebelum_jadwal before
--     tanggal_mulai; a tahap whose tanggal_selesai is after the data date (metadata tanggal_data,
--     else the latest verivali, as data_date.sql) has not closed: a distribution paid in it on
--     or after tanggal_mulai is belum_jatuh_tempo (neither met nor applicable).
--   kualitas (goods only, else not applicable with reason tunai): lolos_kualitas true
--     (tidak_lolos_qc, qc_tidak_dicatat).
--   harga (goods only, not applicable with reason tunai or tanpa_harga_acuan): harga_tidak_dicatat
--     when no price was recorded.
--   administrasi: every document of dokumen_wajib present (dokumen_kurang).
-- Distributions of a programme missing from bansos_program are not evaluated (no rules).
-- One row per evaluated distribution, ordered by kode_kelurahan, id_penyaluran: id_penyaluran,
--   kode_program, jenis (tunai/barang), tahap, kanal, id_penyalur, kode_kelurahan, id_dtks, no_kk,
--   nik_penerima, nama (the recipient's, null when not a member), tanggal_salur (date), nilai_hak,
--   nilai_diterima, hak_tahap (rupiah), nilai_hak_berbeda (boolean), harga_dibayar, harga_acuan
--   (rupiah), desil, desil_maks, tanggal_mulai, tanggal_selesai (dates), program_grace_days
--   (bansos_program.toleransi_hari), days_after_end (days after tanggal_selesai, 0 when not
--   after), missing_documents (text, comma separated), tahap_open (boolean), sasaran_reason,
--   kualitas_reason, administrasi_reason (text, null when met), jumlah_gap_rupiah (nilai_diterima
--   - hak_tahap), waktu_fixed_reason (tahap_tidak_dikenal, sebelum_jadwal, belum_jatuh_tempo;
--   null: judged by the grace days), harga_fixed_reason (tunai, tanpa_harga_acuan,
--   harga_tidak_dicatat; null: judged by the tolerance), harga_excess_rupiah (harga_dibayar -
--   harga_acuan when above it, else 0; null when harga_fixed_reason is set), cell (the
--   six_t_cells row it is counted in: a hash of that row's keys).
-- Incremental (warehouse.db.refresh_analytics): the macro six_t_inputs_rows(p_kelurahan) gives the
-- distributions paid in the listed kelurahan (null: all), judged on the whole history of their
-- households (repeats included, wherever paid), the table is built from it. An import lists,
-- beside the kelurahan it wrote, those where the households it wrote (or paid) were paid.
-- Parameters of the macro: p_kelurahan (list of kelurahan codes, null for all).
-- The register's history (desil_replaced, first_ranked, status_since) comes from the macros of
-- queries/schema/24-26, which eksklusi_keluarga (queries/schema/36) reads too.
create or replace macro six_t_inputs_rows(p_kelurahan := null) as table
with
-- The households paid in the listed kelurahan: only their history is read (empty for all).
-- Each filter on them below is a union of the rows for all kelurahan and those of these
-- households, so that the planner drops the branch that does not apply, join included.
paid_households as (
    select distinct id_dtks
    from bansos_penyaluran
    where list_contains(p_kelurahan, kode_kelurahan)
),

-- Repeats are found over every distribution, before any page filter (a region or channel
-- filter would hide the first payment). Counting on a hash of the keys
-- is cheaper than on the three texts and keeps the ordering to the few households paid more
-- than once (a hash collision only adds a candidate: the ordering is on the real keys). The
-- repeats are named by rowid, so the lookup below is a join on one integer.
repeats as (
    select rid
    from (
        select
            rid,
            row_number() over (partition by kode_program, tahap, id_dtks order by tanggal_salur, id_penyaluran) as nth
        from (
            select
                rid,
                kode_program,
                tahap,
                id_dtks,
                tanggal_salur,
                id_penyaluran,
                count(*) over (partition by hash(kode_program, tahap, id_dtks)) as paid_count
            from (
                select rowid as rid, kode_program, tahap, id_dtks, tanggal_salur, id_penyaluran
                from bansos_penyaluran
                where p_kelurahan is null
                union all
                select rowid as rid, kode_program, tahap, id_dtks, tanggal_salur, id_penyaluran
                from bansos_penyaluran
                where p_kelurahan is not null and id_dtks in (select id_dtks from paid_households)
            )
        )
        where paid_count > 1
    )
    where nth > 1
),

-- The desil of a household for each tahap that began while a replaced desil was in force.
desil_then as (
    select dr.id_dtks, t.kode_program, t.tahap, dr.desil
    from (
        select * from desil_replaced() where p_kelurahan is null
        union all
        select * from desil_replaced() where p_kelurahan is not null and id_dtks in (select id_dtks from paid_households)
    ) as dr
    inner join bansos_tahap as t on t.tanggal_mulai >= dr.tanggal and t.tanggal_mulai < dr.replaced_on
),

since as (
    select * from status_since() where p_kelurahan is null
    union all
    select * from status_since() where p_kelurahan is not null and id_dtks in (select id_dtks from paid_households)
),

ranked as (
    select * from first_ranked() where p_kelurahan is null
    union all
    select * from first_ranked() where p_kelurahan is not null and id_dtks in (select id_dtks from paid_households)
),

-- The households of the distributions: for the listed kelurahan, only those paid there are read.
households as (
    select * from dtks_keluarga where p_kelurahan is null
    union all
    select * from dtks_keluarga where p_kelurahan is not null and id_dtks in (select id_dtks from paid_households)
),

-- A member with a row aktif today is aktif on every date, otherwise it was aktif before the
-- latest day one of its rows stopped being aktif (active_until, null: never aktif on record).
recipients as (
    select
        a.id_dtks,
        a.nik,
        first(a.nama order by a.status = 'aktif' desc, a.id_anggota) as nama,
        bool_or(a.status = 'aktif') as active_now,
        max(s.since) filter (where a.status <> 'aktif') as active_until,
        bool_or(a.status = 'aktif' and a.status_padan = 'padan') as padan_now,
        max(s.since) filter (where a.status <> 'aktif' and a.status_padan = 'padan') as padan_until
    from (
        select * from dtks_anggota where p_kelurahan is null
        union all
        select * from dtks_anggota where p_kelurahan is not null and id_dtks in (select id_dtks from paid_households)
    ) as a
    left join since as s on s.id_dtks = a.id_dtks and s.hasil = a.status
    group by a.id_dtks, a.nik
),

joined as (
    select
        d.*,
        pr.jenis,
        pr.desil_maks,
        pr.dokumen_wajib,
        pr.toleransi_hari as program_grace_days,
        th.tanggal_mulai,
        th.tanggal_selesai,
        th.harga_acuan,
        coalesce(th.nilai_per_kpm, d.nilai_hak) as hak_tahap,
        coalesce(d.nilai_hak <> th.nilai_per_kpm, false) as nilai_hak_berbeda,
        th.tanggal_selesai > data_date() as tahap_open,
        h.id_dtks is not null as in_dtks,
        if(hs.since > d.tanggal_salur, 'aktif', h.status) as household_status,
        if(fr.ranked_on > d.tanggal_salur, null, coalesce(dt.desil, h.desil)) as desil,
        h.no_kk,
        m.nik is not null as is_member,
        m.nama,
        m.active_now or coalesce(d.tanggal_salur < m.active_until, false) as member_active,
        m.padan_now or coalesce(d.tanggal_salur < m.padan_until, false) as member_padan,
        d.rowid in (select rid from repeats) as is_repeat
    from bansos_penyaluran as d
    inner join bansos_program as pr using (kode_program)
    left join bansos_tahap as th using (kode_program, tahap)
    left join households as h on h.id_dtks = d.id_dtks
    left join since as hs on hs.id_dtks = h.id_dtks and hs.hasil = h.status
    left join ranked as fr on fr.id_dtks = d.id_dtks
    left join desil_then as dt on dt.id_dtks = d.id_dtks and dt.kode_program = d.kode_program and dt.tahap = d.tahap
    left join recipients as m on m.id_dtks = d.id_dtks and m.nik = d.nik_penerima
    where p_kelurahan is null or list_contains(p_kelurahan, d.kode_kelurahan)
),

decided as (
    select
        *,
        case
            when not in_dtks then 'tidak_di_dtks'
            when household_status <> 'aktif' then 'keluarga_tidak_aktif'
            when not is_member then 'penerima_bukan_anggota'
            when not member_active then 'penerima_tidak_aktif'
            when not member_padan then 'nik_tidak_padan'
            when desil is null then 'desil_kosong'
            when desil > desil_maks then 'desil_di_atas_batas'
            when is_repeat then 'ganda'
        end as sasaran_reason,
        nilai_diterima - hak_tahap as jumlah_gap_rupiah,
        case
            when tanggal_mulai is null then 'tahap_tidak_dikenal'
            when tanggal_salur < tanggal_mulai then 'sebelum_jadwal'
            when coalesce(tahap_open, false) then 'belum_jatuh_tempo'
        end as waktu_fixed_reason,
        greatest(coalesce(tanggal_salur - tanggal_selesai, 0), 0) as days_after_end,
        case
            when jenis = 'tunai' then 'tunai'
            when lolos_kualitas is null then 'qc_tidak_dicatat'
            when not lolos_kualitas then 'tidak_lolos_qc'
        end as kualitas_reason,
        case
            when jenis = 'tunai' then 'tunai'
            when harga_acuan is null then 'tanpa_harga_acuan'
            when harga_dibayar is null then 'harga_tidak_dicatat'
        end as harga_fixed_reason,
        case
            when len(list_filter(dokumen_wajib, lambda x: not list_contains(dokumen, x))) > 0
                then 'dokumen_kurang'
        end as administrasi_reason,
        array_to_string(list_filter(dokumen_wajib, lambda x: not list_contains(dokumen, x)), ', ')
            as missing_documents
    from joined
),

excess as (
    select
        *,
        case when harga_fixed_reason is null then greatest(harga_dibayar - harga_acuan, 0) end
            as harga_excess_rupiah
    from decided
),

final as (
    select
        id_penyaluran,
        kode_program,
        jenis,
        tahap,
        kanal,
        id_penyalur,
        kode_kelurahan,
        id_dtks,
        no_kk,
        nik_penerima,
        nama,
        tanggal_salur,
        nilai_hak,
        nilai_diterima,
        hak_tahap,
        nilai_hak_berbeda,
        harga_dibayar,
        harga_acuan,
        desil,
        desil_maks,
        tanggal_mulai,
        tanggal_selesai,
        program_grace_days,
        days_after_end,
        missing_documents,
        tahap_open,
        sasaran_reason,
        kualitas_reason,
        administrasi_reason,
        jumlah_gap_rupiah,
        waktu_fixed_reason,
        harga_fixed_reason,
        harga_excess_rupiah,
        -- The keys of six_t_cells (21_six_t_cells.sql groups by them and by this hash, so a
        -- collision would show there as two rows with the same cell).
        hash(
            kode_kelurahan, kode_program, tahap, kanal, sasaran_reason, kualitas_reason, administrasi_reason,
            jumlah_gap_rupiah, waktu_fixed_reason, days_after_end, program_grace_days, harga_fixed_reason,
            harga_excess_rupiah
        ) as cell
    from excess
)

select * from final
order by kode_kelurahan, id_penyaluran

-- eksklusi_keluarga(): every DTKS household against each bansos programme's latest closed tahap
-- in its kab/kota, the one place the targeting rules of the exclusion and inclusion errors are
-- written (queries/analytics/40_eksklusi_kelurahan.sql counts them, eksklusi_keluarga.sql lists
-- the excluded households for follow-up).
-- Parameters: p_kelurahan (list of kelurahan codes, null for all: the default): the households
-- of those kelurahan only, with the tahap chosen over every kelurahan as for all (the
-- incremental refresh of queries/analytics/40_eksklusi_rumah_tangga.sql). Each filter on their
-- history is a union of the rows for all and those of these households, so that the planner
-- drops the branch that does not apply.
-- Rules (docs/architecture.md, Metrics: exclusion and inclusion errors):
--   the latest closed tahap of a programme in a kab/kota: of the tahap with distributions in it,
--     the one whose window (bansos_tahap) ended last on or before the data date (metadata
--     tanggal_data, else the latest verivali, as data_date.sql), as reports.brief_figures.closed_tahap
--     picks it from six_t_tahap.sql.
--   the household's desil is the one in force when that tahap began, as six_t_verdicts: the
--     latest BPS assignment (verivali tahap 'desil') by tanggal_mulai if a later one replaced
--     it, else its current desil, null (not ranked) when first ranked after tanggal_mulai.
--   in_frame: the household was aktif when the tahap began (a household pindah, meninggal or
--     duplikat today was aktif before the first verivali that found it so) and registered
--     (tanggal_terdaftar, null: taken as registered) by the end of the window.
--   paid: at least one distribution of the programme in that tahap to the household (id_dtks).
-- Output, one row per household and programme with a closed tahap in its kab/kota:
--   id_dtks, no_kk, kode_kelurahan (the household's), rt, rw, kode_program, tahap, tanggal_mulai,
--   tanggal_selesai (the tahap's window, dates), desil (1-10, null: not ranked then), in_frame
--   (boolean), paid (boolean), distributions_count, diterima_rupiah (rupiah received in the tahap,
--   0 when not paid).
-- The register's history (desil_replaced, first_ranked, status_since) comes from the macros of
-- queries/schema/24-26, which six_t_inputs (queries/analytics/20) reads too.
create or replace macro eksklusi_keluarga(p_kelurahan := null) as table
with
households as (
    select *
    from dtks_keluarga
    where p_kelurahan is null or list_contains(p_kelurahan, kode_kelurahan)
),

-- The kab/kota of the listed kelurahan (empty for all), and the range of codes they span: a
-- filter on the stored code that reaches the scan, so that only their distributions are read.
regions as (
    select
        list_distinct([left(k, 5) for k in p_kelurahan if k <> '']) as codes,
        list_min(codes) as first_code,
        -- The highest character: every code that begins with the last kab/kota sorts below.
        list_max(codes) || chr(1114111) as after_code
),

tahap_paid as (
    select left(d.kode_kelurahan, 5) as kode_kabkota, d.kode_program, d.tahap
    from bansos_penyaluran as d
    cross join regions as r
    where p_kelurahan is null
        or (
            d.kode_kelurahan >= r.first_code and d.kode_kelurahan < r.after_code
            and list_contains(r.codes, left(d.kode_kelurahan, 5))
        )
    group by all
),

tahap_ranked as (
    select
        p.kode_kabkota,
        p.kode_program,
        p.tahap,
        t.tanggal_mulai,
        t.tanggal_selesai,
        row_number() over (
            partition by p.kode_kabkota, p.kode_program
            order by t.tanggal_selesai desc, t.tanggal_mulai desc, p.tahap desc
        ) as nth
    from tahap_paid as p
    inner join bansos_tahap as t using (kode_program, tahap)
    where t.tanggal_selesai <= data_date()
),

used as (
    select * exclude (nth) from tahap_ranked where nth = 1
),

-- The replaced desil of a household for each tahap that began while it was in force: joined
-- on the few tahap here, so the households below join on equality.
desil_then as (
    select dr.id_dtks, u.kode_program, u.kode_kabkota, dr.desil
    from (
        select * from desil_replaced() where p_kelurahan is null
        union all
        select * from desil_replaced() where p_kelurahan is not null and id_dtks in (select id_dtks from households)
    ) as dr
    inner join used as u on u.tanggal_mulai >= dr.tanggal and u.tanggal_mulai < dr.replaced_on
),

paid as (
    select d.id_dtks, d.kode_program, count(*) as distributions_count, sum(d.nilai_diterima) as diterima_rupiah
    from (
        select * from bansos_penyaluran where p_kelurahan is null
        union all
        select * from bansos_penyaluran where p_kelurahan is not null and id_dtks in (select id_dtks from households)
    ) as d
    semi join used as u
        on u.kode_program = d.kode_program and u.tahap = d.tahap and u.kode_kabkota = left(d.kode_kelurahan, 5)
    group by all
),

since as (
    select * from status_since() where p_kelurahan is null
    union all
    select * from status_since() where p_kelurahan is not null and id_dtks in (select id_dtks from households)
),

ranked as (
    select * from first_ranked() where p_kelurahan is null
    union all
    select * from first_ranked() where p_kelurahan is not null and id_dtks in (select id_dtks from households)
),

-- Each household with the tahap of its kab/kota, one row per programme: the tahap come as one
-- list per kab/kota, unnested after a left join, so that the planner knows this side has at
-- least a row per household and builds the joins below on their smaller sides.
judged as (
    select h.*, unnest(j.tahap_judged) as u
    from households as h
    left join (
        select kode_kabkota, list(used) as tahap_judged from used group by kode_kabkota
    ) as j on j.kode_kabkota = left(h.kode_kelurahan, 5)
),

final as (
    select
        h.id_dtks,
        h.no_kk,
        h.kode_kelurahan,
        h.rt,
        h.rw,
        h.u.kode_program,
        h.u.tahap,
        h.u.tanggal_mulai,
        h.u.tanggal_selesai,
        if(fr.ranked_on > h.u.tanggal_mulai, null, coalesce(dr.desil, h.desil)) as desil,
        (h.status = 'aktif' or coalesce(hs.since > h.u.tanggal_mulai, false))
            and coalesce(h.tanggal_terdaftar <= h.u.tanggal_selesai, true) as in_frame,
        p.id_dtks is not null as paid,
        coalesce(p.distributions_count, 0) as distributions_count,
        coalesce(p.diterima_rupiah, 0) as diterima_rupiah
    from judged as h
    left join since as hs on hs.id_dtks = h.id_dtks and hs.hasil = h.status
    left join ranked as fr on fr.id_dtks = h.id_dtks
    left join desil_then as dr
        on dr.id_dtks = h.id_dtks and dr.kode_program = h.u.kode_program and dr.kode_kabkota = h.u.kode_kabkota
    left join paid as p on p.id_dtks = h.id_dtks and p.kode_program = h.u.kode_program
)

select * from final

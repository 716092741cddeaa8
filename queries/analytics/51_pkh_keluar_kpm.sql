-- pkh_keluar_kpm: every KPM that left PKH, judged at write time from the programme's membership
-- history (bansos_penyaluran of programme PKH) and the agency's graduation list (pkh_graduasi),
-- the one place the exit rule is written (queries/analytics/52_pkh_keluar.sql reads it by region,
-- graduasi_units.sql counts it): the graduasi page no longer runs the rule over every PKH
-- distribution at each visit.
-- Incremental (warehouse.db.refresh_analytics): the macro pkh_keluar_kpm_rows(p_kelurahan) gives
-- the rows of the listed kelurahan (null: all), the table is built from it. A KPM's row lies in
-- the list's kelurahan, else its last distribution's: the rows of a kelurahan are judged from
-- every PKH distribution of the KPM paid or listed there (wherever else they were paid), and an
-- import touches the kelurahan of the rows it may move (queries/import/*_touched.sql: where the
-- households were paid and where they are listed, old and new values).
-- Rule: a KPM left PKH after the last tahap it received when at least two closed PKH tahap
-- (tanggal_selesai on or before the data date: metadata tanggal_data, else the latest verivali)
-- follow it without a distribution to it (one missed collection is not an exit). Its exit
-- year is the year the first missed tahap began. A KPM on the graduation list takes the list's
-- year and kind (jenis). Others are graduasi alamiah by the register: status pindah
-- (alamiah_pindah), meninggal (alamiah_meninggal), duplikat or desil above 4
-- (alamiah_tidak_layak), else tanpa_keterangan (left with no recorded reason). A KPM on the
-- list that still received PKH in a tahap starting after its graduation date is masih_menerima
-- (listed as graduated, still paid).
-- Parameters of the macro: p_kelurahan (list of kelurahan codes, null for all).
-- Output, one row per KPM and exit: id_dtks, kode_kelurahan (the list's, else the last
--   distribution's), tahun (integer year), jenis (sejahtera_mandiri, alamiah_tidak_layak,
--   alamiah_pindah, alamiah_meninggal, tanpa_keterangan), tahap_terakhir (the last PKH tahap
--   received, null when none), tercatat (boolean: on the graduation list), riwayat_keluar
--   (boolean: the history shows the exit), masih_menerima (boolean).
create or replace macro pkh_keluar_kpm_rows(p_kelurahan := null) as table
with periods as (
    select
        tahap,
        tanggal_mulai,
        tanggal_selesai <= data_date() as closed,
        row_number() over (order by tanggal_mulai, tahap) as seq
    from bansos_tahap
    where kode_program = 'PKH'
),

last_closed as (
    select coalesce(max(seq) filter (where closed), 0) as seq from periods
),

kpm as (
    select id_dtks
    from bansos_penyaluran
    where kode_program = 'PKH' and list_contains(p_kelurahan, kode_kelurahan)
    union
    select id_dtks
    from pkh_graduasi
    where list_contains(p_kelurahan, kode_kelurahan)
),

pkh as (
    select d.id_dtks, d.kode_kelurahan, d.tahap
    from bansos_penyaluran as d
    where d.kode_program = 'PKH'
        and (p_kelurahan is null or d.id_dtks in (select id_dtks from kpm))
),

received as (
    select d.id_dtks, max(p.seq) as last_seq, arg_max(d.kode_kelurahan, p.seq) as kode_kelurahan
    from pkh as d
    inner join periods as p using (tahap)
    group by d.id_dtks
),

history as (
    select
        r.id_dtks,
        r.kode_kelurahan,
        last_p.tahap as tahap_terakhir,
        year(next_p.tanggal_mulai) as tahun
    from received as r
    inner join periods as last_p on last_p.seq = r.last_seq
    inner join periods as next_p on next_p.seq = r.last_seq + 1
    where r.last_seq + 2 <= (select seq from last_closed)
),

listed as (
    select g.*
    from pkh_graduasi as g
    where p_kelurahan is null or g.id_dtks in (select id_dtks from kpm)
),

paid_after as (
    select distinct l.id_dtks, l.tahun
    from listed as l
    inner join pkh as d on d.id_dtks = l.id_dtks
    inner join bansos_tahap as t on t.kode_program = 'PKH' and t.tahap = d.tahap
    where t.tanggal_mulai > l.tanggal_graduasi
),

judged as (
    select
        coalesce(l.id_dtks, h.id_dtks) as id_dtks,
        coalesce(l.kode_kelurahan, h.kode_kelurahan) as kode_kelurahan,
        cast(coalesce(l.tahun, h.tahun) as integer) as tahun,
        coalesce(
            l.jenis,
            case
                when k.status = 'pindah' then 'alamiah_pindah'
                when k.status = 'meninggal' then 'alamiah_meninggal'
                when k.status = 'duplikat' or k.desil > 4 then 'alamiah_tidak_layak'
                else 'tanpa_keterangan'
            end
        ) as jenis,
        coalesce(h.tahap_terakhir, r.tahap_terakhir) as tahap_terakhir,
        l.id_dtks is not null as tercatat,
        h.id_dtks is not null as riwayat_keluar,
        pa.id_dtks is not null as masih_menerima
    from listed as l
    full outer join history as h on h.id_dtks = l.id_dtks
    left join dtks_keluarga as k on k.id_dtks = coalesce(l.id_dtks, h.id_dtks)
    left join paid_after as pa on pa.id_dtks = l.id_dtks and pa.tahun = l.tahun
    left join (
        select rr.id_dtks, p.tahap as tahap_terakhir
        from received as rr inner join periods as p on p.seq = rr.last_seq
    ) as r on r.id_dtks = l.id_dtks
),

final as (
    select *
    from judged
    where p_kelurahan is null or list_contains(p_kelurahan, kode_kelurahan)
)

select * from final
order by kode_kelurahan, id_dtks, tahun

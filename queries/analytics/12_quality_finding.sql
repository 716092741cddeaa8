-- quality_finding: the data-quality findings of the DTKS register that SQL can judge, one row
-- per record and failed check, as of the warehouse's data date (metadata tanggal_data, else
-- the latest verivali visit: data_date()). The rules of analytics/quality.py
-- (docs/architecture.md, "Metrics"), on the active members of the active households:
--   nik_invalid: the NIK is not 16 ASCII digits (length), its province is below 11 or its
--     kab/kota or kecamatan digits are 00 (region), digits 7-12 are no date DDMMYY with 40
--     added to DD for women, two-digit years divisible by four leap (birth_date), or its
--     serial is 0000 (serial): the first that applies is the detail;
--   nik_duplicate: the NIK belongs to members of several households of the same kab/kota
--     (every such member; detail: how many households);
--   no_head: an active household with no active member recorded as kepala_keluarga;
--   age_relation: a head or spouse younger than 15 years, a child less than 12 years younger
--     than the head (the household's first head by id_anggota), a grandchild less than 24, a
--     parent less than 12 years older; ages are days / 365.25 at the data date; no birth date,
--     not judged (detail: the relation);
--   not_visited: no verivali row of any cycle by the data date for more than 365 days, counted
--     from the registration date when never visited; neither known: reported (detail: the last
--     visit as YYYY-MM-DD, empty when never).
-- The dwelling-outside-its-kelurahan check needs polygons and stays in analytics.quality.
-- Personal data: none here beyond ids; callers join NIK, KK and names and mask them.
-- Incremental (warehouse.db.refresh_analytics): the macro quality_finding_rows(p_kelurahan) gives
-- the findings of the listed kelurahan (null: all; nik_duplicate still counts the households of
-- the whole kab/kota), the table is built from it. An import lists, beside the kelurahan it
-- wrote, those of the members sharing a NIK with the members it wrote (before and after).
-- Parameters of the macro: p_kelurahan (list of kelurahan codes, null for all).
-- Output, one row per finding: check_order (1-6, the order of analytics.quality.CHECKS),
--   check_name, kode_kelurahan, id_dtks, id_anggota (null for household checks), detail (text).
create or replace macro quality_finding_rows(p_kelurahan := null) as table
with households as (
    select id_dtks, kode_kelurahan, tanggal_terdaftar, regexp_extract(kode_kelurahan, '^[^.]+\.[^.]+') as kode_region
    from dtks_keluarga
    where status = 'aktif'
        and (p_kelurahan is null or list_contains(p_kelurahan, kode_kelurahan))
),

members as (
    select
        a.id_anggota,
        a.id_dtks,
        h.kode_kelurahan,
        h.kode_region,
        a.nik,
        a.hubungan,
        datediff('day', a.tanggal_lahir, data_date()) / 365.25 as age_years
    from dtks_anggota as a
    inner join households as h using (id_dtks)
    where a.status = 'aktif'
),

nik_fields as (
    select
        *,
        coalesce(length(trim(nik)) = 16 and regexp_full_match(trim(nik), '[0-9]{16}'), false) as digits
    from members
),

nik_parts as (
    select
        *,
        case when digits then cast(substr(trim(nik), 7, 2) as integer) end as dd,
        case when digits then cast(substr(trim(nik), 9, 2) as integer) end as mm,
        case when digits then cast(substr(trim(nik), 11, 2) as integer) end as yy
    from nik_fields
),

nik_checked as (
    select
        *,
        case
            when not digits then 'length'
            when cast(substr(trim(nik), 1, 2) as integer) < 11 or substr(trim(nik), 3, 2) = '00'
                or substr(trim(nik), 5, 2) = '00' then 'region'
            when mm < 1 or mm > 12
                or (case when dd > 40 then dd - 40 else dd end) < 1
                or (case when dd > 40 then dd - 40 else dd end)
                > [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm]
                + case when mm = 2 and yy % 4 = 0 then 1 else 0 end then 'birth_date'
            when substr(trim(nik), 13, 4) = '0000' then 'serial'
        end as problem
    from nik_parts
),

-- The kab/kota of the listed kelurahan (empty for all), and the range of codes they span: a
-- filter on the stored code that reaches the table scans, so that only their row groups are read.
regions as (
    select
        list_distinct([regexp_extract(k, '^[^.]+\.[^.]+') for k in p_kelurahan if k <> '']) as codes,
        list_min(codes) as first_code,
        -- The highest character: every code that begins with the last kab/kota sorts below.
        list_max(codes) || chr(1114111) as after_code
),

-- The active households of those kab/kota, read by their region key.
region_households as (
    select h.id_dtks, regexp_extract(h.kode_kelurahan, '^[^.]+\.[^.]+') as kode_region
    from dtks_keluarga as h
    cross join regions as r
    where p_kelurahan is not null
        and h.status = 'aktif'
        and h.kode_kelurahan >= r.first_code
        and h.kode_kelurahan < r.after_code
        and list_contains(r.codes, regexp_extract(h.kode_kelurahan, '^[^.]+\.[^.]+'))
),

-- The members a NIK is counted over: those above for every kelurahan, else every active member
-- of the kab/kota's active households whose NIK one of those above holds.
region_members as (
    select kode_region, nik, id_dtks
    from members
    where p_kelurahan is null
    union all
    select h.kode_region, a.nik, a.id_dtks
    from dtks_anggota as a
    inner join region_households as h using (id_dtks)
    where a.status = 'aktif'
        and a.nik in (select nik from members)
),

nik_households as (
    select kode_region, nik, count(distinct id_dtks) as households_count
    from region_members
    where nik is not null
    group by kode_region, nik
    having count(distinct id_dtks) > 1
),

heads as (
    select id_dtks, arg_min_null(age_years, id_anggota) as head_age_years
    from members
    where hubungan = 'kepala_keluarga'
    group by id_dtks
),

visits as (
    select v.id_dtks, max(v.tanggal) as last_visit
    -- Every household's visits, those of inactive ones too: only the active ones are joined below.
    from verivali_of_kelurahan(p_kelurahan) as v
    where v.tanggal <= data_date()
    group by v.id_dtks
),

head_counts as (
    select id_dtks, count(*) as heads_count
    from members
    where hubungan = 'kepala_keluarga'
    group by id_dtks
),

findings as (
    select 1 as check_order, 'nik_invalid' as check_name, kode_kelurahan, id_dtks, id_anggota, problem as detail
    from nik_checked
    where problem is not null
    union all
    select 2, 'nik_duplicate', m.kode_kelurahan, m.id_dtks, m.id_anggota, cast(d.households_count as varchar)
    from members as m
    inner join nik_households as d using (kode_region, nik)
    union all
    select 3, 'no_head', h.kode_kelurahan, h.id_dtks, null, ''
    from households as h
    left join head_counts as c using (id_dtks)
    where c.heads_count is null
    union all
    select 4, 'age_relation', m.kode_kelurahan, m.id_dtks, m.id_anggota, m.hubungan
    from members as m
    left join heads as h using (id_dtks)
    where (m.hubungan in ('kepala_keluarga', 'pasangan') and m.age_years < 15)
        or (m.hubungan = 'anak' and h.head_age_years - m.age_years < 12)
        or (m.hubungan = 'cucu' and h.head_age_years - m.age_years < 24)
        or (m.hubungan = 'orang_tua' and m.age_years - h.head_age_years < 12)
    union all
    select 6, 'not_visited', h.kode_kelurahan, h.id_dtks, null, coalesce(strftime(v.last_visit, '%Y-%m-%d'), '')
    from households as h
    left join visits as v using (id_dtks)
    where coalesce(v.last_visit, h.tanggal_terdaftar) is null
        or datediff('day', coalesce(v.last_visit, h.tanggal_terdaftar), data_date()) > 365
),

final as (
    select * from findings
)

select * from final
order by kode_kelurahan, check_order, id_dtks, id_anggota

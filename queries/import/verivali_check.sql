-- Check the staged rows of a verivali result file (one row per step of a household in a cycle).
-- Reads temp tables import_raw (nomor_baris and the verivali columns as text, blank = null) and
-- import_enum, and the warehouse's dtks_keluarga, verivali_siklus and verivali.
-- Parameters: $hari_ini (date, the data date; later visit dates, or before 1950, are rejected).
-- Output: temp table import_checked, one row per staged row: nomor_baris, alasan (null when the
-- row loads, else a reason code), kolom, and the
-- typed values id_verivali (the stored id of the same id_dtks/siklus/tahap, else a new one),
-- id_dtks, siklus (from the file; else the cycle whose window holds the date, the latest
-- starting one), tahap (when the file has none: desil for a row with a desil, else
-- ground_check), tanggal, id_petugas, hasil (null: pending), desil (1-10, desil steps only).
create or replace temp table import_checked as
with enum_codes as (
    select s.domain, s.value, e.kode
    from (
        select distinct 'verivali_tahap' as domain, tahap as value from import_raw
        union
        select distinct 'verivali_hasil' as domain, hasil as value from import_raw
    ) as s
    inner join import_enum as e on e.domain = s.domain and e.alias = enum_key(s.value)
),
cycle_names as (
    select cycle_key, min(siklus) as siklus
    from (
        select enum_key(siklus) as cycle_key, siklus from verivali_siklus
        union all
        select enum_key(nama) as cycle_key, siklus from verivali_siklus
    )
    group by cycle_key
),
typed as (
    select
        r.nomor_baris,
        r.tanggal as tanggal_text,
        r.hasil as hasil_text,
        r.desil as desil_text,
        try_cast(r.desil as tinyint) as desil,
        r.siklus as siklus_text,
        r.id_dtks,
        h.id_dtks is not null as household_known,
        case
            when r.siklus is not null then s.siklus
            else (
                select max_by(c.siklus, c.tanggal_mulai)
                from verivali_siklus as c
                where parse_date(r.tanggal) between c.tanggal_mulai and c.tanggal_target
            )
        end as siklus,
        coalesce(t.kode, case when r.tahap is null then if(r.desil is null, 'ground_check', 'desil') end) as tahap,
        parse_date(r.tanggal) as tanggal,
        r.id_petugas,
        hs.kode as hasil
    from import_raw as r
    left join dtks_keluarga as h on h.id_dtks = r.id_dtks
    left join cycle_names as s on s.cycle_key = enum_key(r.siklus)
    left join enum_codes as t on t.domain = 'verivali_tahap' and t.value = r.tahap
    left join enum_codes as hs on hs.domain = 'verivali_hasil' and hs.value = r.hasil
),
checked as materialized (
    select
        *,
        coalesce(
            case when id_dtks is null then {'alasan': 'missing_value', 'kolom': 'id_dtks'} end,
            case when not household_known then {'alasan': 'household_unknown', 'kolom': 'id_dtks'} end,
            case when tanggal_text is null then {'alasan': 'missing_value', 'kolom': 'tanggal'} end,
            case when tanggal is null then {'alasan': 'date_invalid', 'kolom': 'tanggal'} end,
            case when tanggal > $hari_ini or tanggal < date '1950-01-01'
                then {'alasan': 'date_out_of_range', 'kolom': 'tanggal'} end,
            case when tahap is null then {'alasan': 'enum_unknown', 'kolom': 'tahap'} end,
            case when hasil_text is not null and hasil is null then {'alasan': 'enum_unknown', 'kolom': 'hasil'} end,
            case when desil_text is not null and (desil is null or desil not between 1 and 10)
                then {'alasan': 'number_invalid', 'kolom': 'desil'} end,
            case when desil is not null and tahap <> 'desil' then {'alasan': 'desil_wrong_step', 'kolom': 'desil'} end,
            case when siklus is null
                then {'alasan': 'cycle_unknown', 'kolom': case when siklus_text is null then 'tanggal' else 'siklus' end} end
        ) as problem
    from typed
),
-- Only the households of the file: a small file into a national warehouse reads little of it.
stored as (
    select id_dtks, siklus, tahap, min(id_verivali) as id_verivali
    from verivali
    where id_dtks in (select id_dtks from import_raw)
    group by id_dtks, siklus, tahap
),

-- The first loadable row of a key wins; later ones are duplicates within the file.
final as (
    select
        * exclude (problem),
        coalesce(
            problem,
            case when row_number() over (partition by problem is null, id_dtks, siklus, tahap order by nomor_baris) > 1
                then {'alasan': 'duplicate_in_file', 'kolom': 'tahap'} end
        ) as problem
    from checked
)
select
    f.nomor_baris,
    f.problem.alasan as alasan,
    f.problem.kolom as kolom,
    coalesce(s.id_verivali, (select coalesce(max(id_verivali), 0) from verivali)
        + row_number() over (partition by s.id_verivali is null, f.problem is null order by f.nomor_baris)) as id_verivali,
    f.id_dtks,
    f.siklus,
    f.tahap,
    f.tanggal,
    f.id_petugas,
    f.hasil,
    f.desil
from final as f
left join stored as s on s.id_dtks = f.id_dtks and s.siklus = f.siklus and s.tahap = f.tahap

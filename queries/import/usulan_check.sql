-- Check the staged rows of a musyawarah proposal list (the SIKS-NG proposal layout: one row
-- per household or person proposed into or out of the register).
-- Reads temp tables import_raw (nomor_baris and the usulan columns as text, blank = null),
-- import_enum and import_kelurahan, and the warehouse's dtks_keluarga, dtks_anggota,
-- verivali_siklus and usulan.
-- Parameters: $hari_ini (date, the data date; later dates, or before 1950, are rejected).
-- Output: temp table import_checked, one row per staged row: nomor_baris, alasan (null when the
-- row loads, else a reason code), kolom, temuan (usulan_without_ba for a loaded row without a
-- berita acara date, else null), and the typed values id_usulan (the file's number, else
-- 'U-' and a hash of cycle, direction and subject, so that a newer list updates the row),
-- siklus (from the file, else the cycle whose window holds the berita acara date, the latest
-- starting one), kode_kelurahan (from the file, else the household's), sasaran (keluarga when
-- the file has none), arah, alasan_usulan (the proposal's reason code), id_dtks (from the file,
-- else the household of the NIK or KK number when one is active in the register), nik, no_kk
-- (digits), tanggal_musyawarah, tahap (null: followed from verivali), tanggal_keputusan.
create or replace temp table import_checked as
with enum_codes as (
    select s.domain, s.value, e.kode
    from (
        select distinct 'usulan_sasaran' as domain, sasaran as value from import_raw
        union
        select distinct 'usulan_arah' as domain, arah as value from import_raw
        union
        select distinct 'usulan_alasan' as domain, alasan as value from import_raw
        union
        select distinct 'usulan_tahap' as domain, tahap as value from import_raw
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
member_household as (
    select a.nik, min(a.id_dtks) as id_dtks
    from dtks_anggota as a
    where a.status = 'aktif'
    group by a.nik
),
kk_household as (
    select no_kk, min(id_dtks) as id_dtks from dtks_keluarga where status = 'aktif' group by no_kk
),
typed as (
    select
        r.nomor_baris,
        r.id_usulan,
        r.siklus as siklus_text,
        r.sasaran as sasaran_text,
        r.arah as arah_text,
        r.alasan as alasan_text,
        r.tahap as tahap_text,
        r.tanggal_musyawarah as tanggal_musyawarah_text,
        r.tanggal_keputusan as tanggal_keputusan_text,
        r.id_dtks as id_dtks_file,
        h.id_dtks is not null as household_known,
        clean_number(r.nik) as nik,
        if(r.nik is null, null, nomor_problem(clean_number(r.nik), true)) as nik_problem,
        clean_number(r.no_kk) as no_kk,
        if(r.no_kk is null, null, nomor_problem(clean_number(r.no_kk), false)) as kk_problem,
        coalesce(h.id_dtks, m.id_dtks, k.id_dtks) as id_dtks,
        w.kode as kode_kelurahan_file,
        w.alasan as wilayah_alasan,
        w.kolom as wilayah_kolom,
        coalesce(sa.kode, case when r.sasaran is null then 'keluarga' end) as sasaran,
        ar.kode as arah,
        al.kode as alasan_usulan,
        tp.kode as tahap,
        parse_date(r.tanggal_musyawarah) as tanggal_musyawarah,
        parse_date(r.tanggal_keputusan) as tanggal_keputusan,
        s.siklus as siklus_file
    from import_raw as r
    left join dtks_keluarga as h on h.id_dtks = r.id_dtks
    left join member_household as m on m.nik = clean_number(r.nik) and r.id_dtks is null
    left join kk_household as k on k.no_kk = clean_number(r.no_kk) and r.id_dtks is null
    left join import_kelurahan as w
        on w.kode_kelurahan is not distinct from r.kode_kelurahan
        and w.kecamatan is not distinct from r.kecamatan
        and w.kelurahan is not distinct from r.kelurahan
    left join cycle_names as s on s.cycle_key = enum_key(r.siklus)
    left join enum_codes as sa on sa.domain = 'usulan_sasaran' and sa.value = r.sasaran
    left join enum_codes as ar on ar.domain = 'usulan_arah' and ar.value = r.arah
    left join enum_codes as al on al.domain = 'usulan_alasan' and al.value = r.alasan
    left join enum_codes as tp on tp.domain = 'usulan_tahap' and tp.value = r.tahap
),
located as (
    select
        t.*,
        coalesce(t.kode_kelurahan_file, hh.kode_kelurahan) as kode_kelurahan,
        case
            when t.siklus_text is not null then t.siklus_file
            else (
                select max_by(c.siklus, c.tanggal_mulai)
                from verivali_siklus as c
                where t.tanggal_musyawarah between c.tanggal_mulai and c.tanggal_target
            )
        end as siklus,
        coalesce(case when t.sasaran = 'individu' then t.nik end, t.id_dtks, t.no_kk, t.nik) as subjek
    from typed as t
    left join dtks_keluarga as hh on hh.id_dtks = t.id_dtks
),
keyed as (
    select
        *,
        coalesce(id_usulan, 'U-' || left(md5(concat_ws('|', siklus, arah, subjek)), 16)) as id_key
    from located
),
checked as materialized (
    select
        *,
        coalesce(
            case when arah_text is null then {'alasan': 'missing_value', 'kolom': 'arah'} end,
            case when arah is null then {'alasan': 'enum_unknown', 'kolom': 'arah'} end,
            case when alasan_text is null then {'alasan': 'missing_value', 'kolom': 'alasan'} end,
            case when alasan_usulan is null then {'alasan': 'enum_unknown', 'kolom': 'alasan'} end,
            case when sasaran is null then {'alasan': 'enum_unknown', 'kolom': 'sasaran'} end,
            case when tahap_text is not null and tahap is null then {'alasan': 'enum_unknown', 'kolom': 'tahap'} end,
            case when nik is null and no_kk is null and id_dtks_file is null
                then {'alasan': 'missing_value', 'kolom': 'nik'} end,
            case when nik_problem is not null then {'alasan': 'nik_' || nik_problem, 'kolom': 'nik'} end,
            case when kk_problem is not null then {'alasan': 'kk_' || kk_problem, 'kolom': 'no_kk'} end,
            case when id_dtks_file is not null and not household_known
                then {'alasan': 'household_unknown', 'kolom': 'id_dtks'} end,
            case when arah = 'keluar' and id_dtks is null
                then {'alasan': 'household_unknown', 'kolom': coalesce(if(nik is null, null, 'nik'), 'no_kk')} end,
            case when wilayah_alasan is not null then {'alasan': wilayah_alasan, 'kolom': wilayah_kolom} end,
            case when kode_kelurahan is null then {'alasan': 'missing_value', 'kolom': 'kelurahan'} end,
            case when tanggal_musyawarah_text is not null and tanggal_musyawarah is null
                then {'alasan': 'date_invalid', 'kolom': 'tanggal_musyawarah'} end,
            case when tanggal_musyawarah > $hari_ini or tanggal_musyawarah < date '1950-01-01'
                then {'alasan': 'date_out_of_range', 'kolom': 'tanggal_musyawarah'} end,
            case when tanggal_keputusan_text is not null and tanggal_keputusan is null
                then {'alasan': 'date_invalid', 'kolom': 'tanggal_keputusan'} end,
            case when tanggal_keputusan > $hari_ini or tanggal_keputusan < date '1950-01-01'
                then {'alasan': 'date_out_of_range', 'kolom': 'tanggal_keputusan'} end,
            case when tanggal_keputusan < tanggal_musyawarah
                then {'alasan': 'time_order', 'kolom': 'tanggal_keputusan'} end,
            case when siklus is null
                then {'alasan': 'cycle_unknown',
                    'kolom': case when siklus_text is null then 'tanggal_musyawarah' else 'siklus' end} end,
            case when exists (
                    select 1 from usulan as u
                    where u.siklus = keyed.siklus and u.arah = keyed.arah and u.id_usulan <> keyed.id_key
                        and coalesce(case when u.sasaran = 'individu' then u.nik end, u.id_dtks, u.no_kk, u.nik)
                            = keyed.subjek
                ) then {'alasan': 'duplicate_in_warehouse', 'kolom': 'nik'} end
        ) as problem
    from keyed
),
-- The first loadable row of a proposal number, and of a subject proposed the same way in a
-- cycle, wins: later ones are duplicates within the file.
final as (
    select
        * exclude (problem),
        coalesce(
            problem,
            case when row_number() over (partition by problem is null, id_key order by nomor_baris) > 1
                then {'alasan': 'duplicate_in_file', 'kolom': 'id_usulan'} end,
            case when row_number() over (partition by problem is null, siklus, arah, subjek order by nomor_baris) > 1
                then {'alasan': 'duplicate_in_file', 'kolom': 'nik'} end
        ) as problem
    from checked
)
select
    nomor_baris,
    problem.alasan as alasan,
    problem.kolom as kolom,
    case when problem is null and tanggal_musyawarah is null then 'usulan_without_ba' end as temuan,
    id_key as id_usulan, siklus, kode_kelurahan, sasaran, arah, alasan_usulan, id_dtks, nik, no_kk,
    tanggal_musyawarah, tahap, tanggal_keputusan
from final

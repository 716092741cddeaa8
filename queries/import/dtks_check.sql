-- Check the staged rows of a SIKS-NG DTKS list (one row per household member).
-- Reads temp tables import_raw (nomor_baris and the dtks columns as text, blank = null),
-- import_enum (domain, alias, kode), import_kelurahan (kode_kelurahan, kecamatan, kelurahan ->
-- kode, or alasan/kolom when unresolved), import_nik_holders (import/dtks_nik_holders.sql) and
-- the warehouse's dtks_keluarga.
-- Parameters: $hari_ini (date, the data date; birth dates after it are rejected),
--   $lon_min, $lon_max, $lat_min, $lat_max (degrees: the region's extent with its buffer; null
--   when the warehouse has no shapes, then coordinates are not checked against it).
-- Output: temp table import_checked, one row per staged row: nomor_baris; alasan (null when the
-- row loads, else a reason code of warehouse.imports.agency.REASONS; the first failing check
-- wins) and kolom (the column at fault); temuan (a quality finding of a loaded row, code of
-- warehouse.imports.agency.FINDINGS: NIK digits against the sex or birth-date column); and the
-- typed values id_dtks (from the file; else the warehouse household with that KK; else a new
-- surrogate 'KB-' and 8 digits, never built from the KK), no_kk, nik, nama, tempat_lahir,
-- tanggal_lahir, jenis_kelamin (L/P; from the
-- NIK when the file has none), hubungan, status_padan, kode_kelurahan, alamat, rt, rw, lon and
-- lat (degrees), desil (1-10), flag_pkh, flag_bpnt, flag_pbi_jkn (null: the file does not say),
-- status.
-- One person, one record: a NIK already active in another household of the warehouse, or given
-- to two households in the file (the first row's household keeps it), is quarantined
-- (nik_other_household), so coverage and 6T never count a person twice.
create or replace temp table import_checked as
with enum_codes as (
    select s.domain, s.value, e.kode
    from (
        select distinct 'jenis_kelamin' as domain, jenis_kelamin as value from import_raw
        union
        select distinct 'hubungan' as domain, hubungan as value from import_raw
        union
        select distinct 'status_padan' as domain, status_padan as value from import_raw
        union
        select distinct 'status' as domain, status as value from import_raw
        union
        select distinct 'flag' as domain, flag_pkh as value from import_raw
        union
        select distinct 'flag' as domain, flag_bpnt as value from import_raw
        union
        select distinct 'flag' as domain, flag_pbi_jkn as value from import_raw
    ) as s
    inner join import_enum as e on e.domain = s.domain and e.alias = enum_key(s.value)
),
-- The warehouse's households and members are read only for the KK and NIK numbers of the
-- file, so that a small file into a national warehouse reads little of it (the members holding
-- its NIKs: temp table import_nik_holders, import/dtks_nik_holders.sql).
known_kk as (
    select no_kk, list(id_dtks order by id_dtks) as ids
    from dtks_keluarga
    where no_kk in (select clean_number(no_kk) from import_raw)
    group by no_kk
),
-- The prefix filter reaches the scan: only the row groups holding such ids are read.
new_ids as (
    select coalesce(max(try_cast(substr(id_dtks, 4) as bigint)), 0) as last_id
    from dtks_keluarga
    where id_dtks like 'KB-%'
),
active_members as (
    select a.nik, list(distinct a.id_dtks) as households
    from import_nik_holders as a
    where a.status = 'aktif'
    group by a.nik
),
typed as (
    select
        r.nomor_baris,
        r.tanggal_lahir as tanggal_lahir_text,
        r.jenis_kelamin as jenis_kelamin_text,
        r.hubungan as hubungan_text,
        r.status_padan as status_padan_text,
        r.status as status_text,
        r.flag_pkh as flag_pkh_text,
        r.flag_bpnt as flag_bpnt_text,
        r.flag_pbi_jkn as flag_pbi_jkn_text,
        r.program as program_text,
        r.desil as desil_text,
        r.lon as lon_text,
        r.lat as lat_text,
        clean_number(r.nik) as nik,
        clean_number(r.no_kk) as no_kk,
        nomor_problem(clean_number(r.nik), true) as nik_problem,
        nomor_problem(clean_number(r.no_kk), false) as kk_problem,
        r.id_dtks as id_dtks_file,
        k.ids as known_ids,
        coalesce(
            r.id_dtks,
            k.ids[1],
            'KB-' || lpad(cast(n.last_id + dense_rank() over (
                partition by r.id_dtks is null and k.ids is null order by clean_number(r.no_kk)
            ) as varchar), 8, '0')
        ) as id_dtks,
        am.households as nik_households,
        r.nama,
        r.tempat_lahir,
        r.alamat,
        r.rt,
        r.rw,
        parse_date(r.tanggal_lahir) as tanggal_lahir,
        w.kode as kode_kelurahan,
        w.alasan as wilayah_alasan,
        w.kolom as wilayah_kolom,
        jk.kode as jenis_kelamin_file,
        hub.kode as hubungan,
        padan.kode as status_padan,
        st.kode as status,
        try_cast(pkh.kode as boolean) as pkh_file,
        try_cast(bpnt.kode as boolean) as bpnt_file,
        try_cast(pbi.kode as boolean) as pbi_file,
        regexp_matches(lower(r.program), 'pkh') as program_pkh,
        regexp_matches(lower(r.program), 'bpnt|sembako') as program_bpnt,
        regexp_matches(lower(r.program), 'pbi|jkn|kis') as program_pbi,
        try_cast(r.desil as tinyint) as desil,
        try_cast(replace(r.lon, ',', '.') as double) as lon,
        try_cast(replace(r.lat, ',', '.') as double) as lat
    from import_raw as r
    left join import_kelurahan as w
        on w.kode_kelurahan is not distinct from r.kode_kelurahan
        and w.kecamatan is not distinct from r.kecamatan
        and w.kelurahan is not distinct from r.kelurahan
    left join known_kk as k on k.no_kk = clean_number(r.no_kk)
    left join active_members as am on am.nik = clean_number(r.nik)
    cross join new_ids as n
    left join enum_codes as jk on jk.domain = 'jenis_kelamin' and jk.value = r.jenis_kelamin
    left join enum_codes as hub on hub.domain = 'hubungan' and hub.value = r.hubungan
    left join enum_codes as padan on padan.domain = 'status_padan' and padan.value = r.status_padan
    left join enum_codes as st on st.domain = 'status' and st.value = r.status
    left join enum_codes as pkh on pkh.domain = 'flag' and pkh.value = r.flag_pkh
    left join enum_codes as bpnt on bpnt.domain = 'flag' and bpnt.value = r.flag_bpnt
    left join enum_codes as pbi on pbi.domain = 'flag' and pbi.value = r.flag_pbi_jkn
),
checked as materialized (
    select
        *,
        coalesce(
            case when nik is null then {'alasan': 'missing_value', 'kolom': 'nik'} end,
            case when nik_problem is not null then {'alasan': 'nik_' || nik_problem, 'kolom': 'nik'} end,
            case when no_kk is null then {'alasan': 'missing_value', 'kolom': 'no_kk'} end,
            case when kk_problem is not null then {'alasan': 'kk_' || kk_problem, 'kolom': 'no_kk'} end,
            case when nama is null then {'alasan': 'missing_value', 'kolom': 'nama'} end,
            case when wilayah_alasan is not null then {'alasan': wilayah_alasan, 'kolom': wilayah_kolom} end,
            case when tanggal_lahir_text is not null and tanggal_lahir is null
                then {'alasan': 'date_invalid', 'kolom': 'tanggal_lahir'} end,
            case when tanggal_lahir > $hari_ini or tanggal_lahir < date '1900-01-01'
                then {'alasan': 'date_out_of_range', 'kolom': 'tanggal_lahir'} end,
            case when nik_households is not null and not list_contains(nik_households, id_dtks)
                then {'alasan': 'nik_other_household', 'kolom': 'nik'} end,
            case when jenis_kelamin_text is not null and jenis_kelamin_file is null
                then {'alasan': 'enum_unknown', 'kolom': 'jenis_kelamin'} end,
            case when hubungan_text is not null and hubungan is null
                then {'alasan': 'enum_unknown', 'kolom': 'hubungan'} end,
            case when status_padan_text is not null and status_padan is null
                then {'alasan': 'enum_unknown', 'kolom': 'status_padan'} end,
            case when status_text is not null and status is null
                then {'alasan': 'enum_unknown', 'kolom': 'status'} end,
            case when flag_pkh_text is not null and pkh_file is null
                then {'alasan': 'enum_unknown', 'kolom': 'flag_pkh'} end,
            case when flag_bpnt_text is not null and bpnt_file is null
                then {'alasan': 'enum_unknown', 'kolom': 'flag_bpnt'} end,
            case when flag_pbi_jkn_text is not null and pbi_file is null
                then {'alasan': 'enum_unknown', 'kolom': 'flag_pbi_jkn'} end,
            case when program_text is not null and not (program_pkh or program_bpnt or program_pbi)
                then {'alasan': 'enum_unknown', 'kolom': 'program'} end,
            case when desil_text is not null and (desil is null or desil not between 1 and 10)
                then {'alasan': 'number_invalid', 'kolom': 'desil'} end,
            case when lon_text is not null and (lon is null or lon not between -180 and 180)
                then {'alasan': 'number_invalid', 'kolom': 'lon'} end,
            case when lat_text is not null and (lat is null or lat not between -90 and 90)
                then {'alasan': 'number_invalid', 'kolom': 'lat'} end,
            case when lon not between $lon_min and $lon_max or lat not between $lat_min and $lat_max
                then {'alasan': 'coordinates_outside_region', 'kolom': 'lon'} end,
            case when id_dtks_file is not null and not list_contains(coalesce(known_ids, [id_dtks_file]), id_dtks_file)
                then {'alasan': 'duplicate_in_warehouse', 'kolom': 'no_kk'} end
        ) as problem
    from typed
),
first_rows as (
    select id_dtks, nik, min(nomor_baris) as first_row
    from checked
    where problem is null
    group by id_dtks, nik
),
nik_first as (
    select nik, arg_min(id_dtks, nomor_baris) as id_dtks
    from checked
    where problem is null
    group by nik
),
households as (
    select
        id_dtks,
        arg_min(no_kk, nomor_baris) as first_no_kk,
        arg_min(kode_kelurahan, nomor_baris) as first_kode_kelurahan
    from checked
    where problem is null
    group by id_dtks
),
passed as (
    select
        c.*,
        coalesce(
            case when c.nomor_baris > f.first_row then {'alasan': 'duplicate_in_file', 'kolom': 'nik'} end,
            case when c.id_dtks <> nf.id_dtks then {'alasan': 'nik_other_household', 'kolom': 'nik'} end,
            case when c.no_kk <> h.first_no_kk then {'alasan': 'household_inconsistent', 'kolom': 'no_kk'} end,
            case when c.kode_kelurahan <> h.first_kode_kelurahan
                then {'alasan': 'household_inconsistent', 'kolom': 'kelurahan'} end
        ) as problem_in_file
    from checked as c
    inner join first_rows as f on f.id_dtks = c.id_dtks and f.nik = c.nik
    inner join households as h on h.id_dtks = c.id_dtks
    inner join nik_first as nf on nf.nik = c.nik
    where c.problem is null
),
final as (
    select
        nomor_baris,
        coalesce(problem, problem_in_file) as problem,
        id_dtks, no_kk, nik, nama, tempat_lahir, tanggal_lahir, jenis_kelamin_file, hubungan,
        status_padan, kode_kelurahan, alamat, rt, rw, lon, lat, desil, pkh_file, bpnt_file, pbi_file,
        program_pkh, program_bpnt, program_pbi, status
    from passed
    union all by name
    select
        nomor_baris, problem, id_dtks, no_kk, nik, nama, tempat_lahir, tanggal_lahir,
        jenis_kelamin_file, hubungan, status_padan, kode_kelurahan, alamat, rt, rw, lon, lat, desil,
        pkh_file, bpnt_file, pbi_file, program_pkh, program_bpnt, program_pbi, status
    from checked
    where problem is not null
)
select
    nomor_baris,
    problem.alasan as alasan,
    problem.kolom as kolom,
    id_dtks,
    no_kk,
    nik,
    nama,
    tempat_lahir,
    tanggal_lahir,
    coalesce(jenis_kelamin_file, case when substr(nik, 7, 2) > '40' then 'P' else 'L' end) as jenis_kelamin,
    coalesce(hubungan, 'lainnya') as hubungan,
    status_padan,
    kode_kelurahan,
    alamat,
    rt,
    rw,
    lon,
    lat,
    desil,
    case when pkh_file is not null or program_pkh is not null
        then coalesce(pkh_file, false) or coalesce(program_pkh, false) end as flag_pkh,
    case when bpnt_file is not null or program_bpnt is not null
        then coalesce(bpnt_file, false) or coalesce(program_bpnt, false) end as flag_bpnt,
    case when pbi_file is not null or program_pbi is not null
        then coalesce(pbi_file, false) or coalesce(program_pbi, false) end as flag_pbi_jkn,
    status,
    case
        when jenis_kelamin_file is not null and (substr(nik, 7, 2) > '40') <> (jenis_kelamin_file = 'P')
            then 'nik_sex_mismatch'
        when tanggal_lahir is not null and strftime(tanggal_lahir, '%d%m%y') <> (
            lpad(cast(try_cast(substr(nik, 7, 2) as integer) % 40 as varchar), 2, '0') || substr(nik, 9, 4)
        ) then 'nik_birth_date_mismatch'
    end as temuan
from final

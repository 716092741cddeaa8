-- Check the staged rows of a PMKS case log (one row per case).
-- Reads temp tables import_raw (nomor_baris and the pmks columns as text, blank = null),
-- import_enum and import_kelurahan (see import/dtks_check.sql).
-- Parameters: $hari_ini (date, the data date; times after it, or before 1950, are rejected),
--   $lon_min, $lon_max, $lat_min, $lat_max (degrees: the region's extent with its buffer; null
--   when the warehouse has no shapes, then coordinates are not checked against it).
-- Output: temp table import_checked, one row per staged row: nomor_baris, alasan (null when the
-- row loads, else a reason code), kolom, and the
-- typed values id_kasus, kategori, sumber, waktu_lapor, waktu_respons, waktu_tiba (timestamps,
-- local WIB), lon, lat (degrees), kode_kelurahan, jenis_kelamin, usia (years), tahap (ditutup
-- when the file gives an outcome but no stage, else dilaporkan), hasil, tanggal_masuk_shelter,
-- tanggal_keluar_shelter.
create or replace temp table import_checked as
with enum_codes as (
    select s.domain, s.value, e.kode
    from (
        select distinct 'pmks_kategori' as domain, kategori as value from import_raw
        union
        select distinct 'pmks_sumber' as domain, sumber as value from import_raw
        union
        select distinct 'jenis_kelamin' as domain, jenis_kelamin as value from import_raw
        union
        select distinct 'pmks_tahap' as domain, tahap as value from import_raw
        union
        select distinct 'pmks_hasil' as domain, hasil as value from import_raw
    ) as s
    inner join import_enum as e on e.domain = s.domain and e.alias = enum_key(s.value)
),
typed as (
    select
        r.nomor_baris,
        r.kategori as kategori_text,
        r.sumber as sumber_text,
        r.waktu_lapor as waktu_lapor_text,
        r.waktu_respons as waktu_respons_text,
        r.waktu_tiba as waktu_tiba_text,
        r.lon as lon_text,
        r.lat as lat_text,
        r.jenis_kelamin as jenis_kelamin_text,
        r.usia as usia_text,
        r.hasil as hasil_text,
        r.tanggal_masuk_shelter as tanggal_masuk_shelter_text,
        r.tanggal_keluar_shelter as tanggal_keluar_shelter_text,
        r.id_kasus,
        kat.kode as kategori,
        src.kode as sumber,
        parse_time(r.waktu_lapor) as waktu_lapor,
        parse_time(r.waktu_respons) as waktu_respons,
        parse_time(r.waktu_tiba) as waktu_tiba,
        try_cast(replace(r.lon, ',', '.') as double) as lon,
        try_cast(replace(r.lat, ',', '.') as double) as lat,
        w.kode as kode_kelurahan,
        w.alasan as wilayah_alasan,
        w.kolom as wilayah_kolom,
        jk.kode as jenis_kelamin,
        try_cast(r.usia as integer) as usia,
        coalesce(tp.kode, case when r.tahap is null then
            case when r.hasil is null then 'dilaporkan' else 'ditutup' end end) as tahap,
        hs.kode as hasil,
        parse_date(r.tanggal_masuk_shelter) as tanggal_masuk_shelter,
        parse_date(r.tanggal_keluar_shelter) as tanggal_keluar_shelter
    from import_raw as r
    left join import_kelurahan as w
        on w.kode_kelurahan is not distinct from r.kode_kelurahan
        and w.kecamatan is not distinct from r.kecamatan
        and w.kelurahan is not distinct from r.kelurahan
    left join enum_codes as kat on kat.domain = 'pmks_kategori' and kat.value = r.kategori
    left join enum_codes as src on src.domain = 'pmks_sumber' and src.value = r.sumber
    left join enum_codes as jk on jk.domain = 'jenis_kelamin' and jk.value = r.jenis_kelamin
    left join enum_codes as tp on tp.domain = 'pmks_tahap' and tp.value = r.tahap
    left join enum_codes as hs on hs.domain = 'pmks_hasil' and hs.value = r.hasil
),
checked as materialized (
    select
        *,
        coalesce(
            case when id_kasus is null then {'alasan': 'missing_value', 'kolom': 'id_kasus'} end,
            case when kategori_text is null then {'alasan': 'missing_value', 'kolom': 'kategori'} end,
            case when kategori is null then {'alasan': 'enum_unknown', 'kolom': 'kategori'} end,
            case when sumber_text is null then {'alasan': 'missing_value', 'kolom': 'sumber'} end,
            case when sumber is null then {'alasan': 'enum_unknown', 'kolom': 'sumber'} end,
            case when waktu_lapor_text is null then {'alasan': 'missing_value', 'kolom': 'waktu_lapor'} end,
            case when waktu_lapor is null then {'alasan': 'date_invalid', 'kolom': 'waktu_lapor'} end,
            case when waktu_lapor::date > $hari_ini or waktu_lapor < date '1950-01-01'
                then {'alasan': 'date_out_of_range', 'kolom': 'waktu_lapor'} end,
            case when waktu_respons_text is not null and waktu_respons is null
                then {'alasan': 'date_invalid', 'kolom': 'waktu_respons'} end,
            case when waktu_respons::date > $hari_ini or waktu_respons < date '1950-01-01'
                then {'alasan': 'date_out_of_range', 'kolom': 'waktu_respons'} end,
            case when waktu_tiba_text is not null and waktu_tiba is null
                then {'alasan': 'date_invalid', 'kolom': 'waktu_tiba'} end,
            case when waktu_tiba::date > $hari_ini or waktu_tiba < date '1950-01-01'
                then {'alasan': 'date_out_of_range', 'kolom': 'waktu_tiba'} end,
            case when waktu_tiba < waktu_lapor then {'alasan': 'time_order', 'kolom': 'waktu_tiba'} end,
            case when wilayah_alasan is not null then {'alasan': wilayah_alasan, 'kolom': wilayah_kolom} end,
            case when lon_text is not null and (lon is null or lon not between -180 and 180)
                then {'alasan': 'number_invalid', 'kolom': 'lon'} end,
            case when lat_text is not null and (lat is null or lat not between -90 and 90)
                then {'alasan': 'number_invalid', 'kolom': 'lat'} end,
            case when lon not between $lon_min and $lon_max or lat not between $lat_min and $lat_max
                then {'alasan': 'coordinates_outside_region', 'kolom': 'lon'} end,
            case when jenis_kelamin_text is not null and jenis_kelamin is null
                then {'alasan': 'enum_unknown', 'kolom': 'jenis_kelamin'} end,
            case when usia_text is not null and (usia is null or usia not between 0 and 120)
                then {'alasan': 'number_invalid', 'kolom': 'usia'} end,
            case when tahap is null then {'alasan': 'enum_unknown', 'kolom': 'tahap'} end,
            case when hasil_text is not null and hasil is null then {'alasan': 'enum_unknown', 'kolom': 'hasil'} end,
            case when tanggal_masuk_shelter_text is not null and tanggal_masuk_shelter is null
                then {'alasan': 'date_invalid', 'kolom': 'tanggal_masuk_shelter'} end,
            case when tanggal_keluar_shelter_text is not null and tanggal_keluar_shelter is null
                then {'alasan': 'date_invalid', 'kolom': 'tanggal_keluar_shelter'} end,
            case when tanggal_masuk_shelter > $hari_ini or tanggal_masuk_shelter < date '1950-01-01'
                then {'alasan': 'date_out_of_range', 'kolom': 'tanggal_masuk_shelter'} end,
            case when tanggal_keluar_shelter > $hari_ini or tanggal_keluar_shelter < date '1950-01-01'
                then {'alasan': 'date_out_of_range', 'kolom': 'tanggal_keluar_shelter'} end,
            case when tanggal_keluar_shelter < tanggal_masuk_shelter
                then {'alasan': 'time_order', 'kolom': 'tanggal_keluar_shelter'} end
        ) as problem
    from typed
),
-- The first loadable row of a key wins; later ones are duplicates within the file.
final as (
    select
        * exclude (problem),
        coalesce(
            problem,
            case when row_number() over (partition by problem is null, id_kasus order by nomor_baris) > 1
                then {'alasan': 'duplicate_in_file', 'kolom': 'id_kasus'} end
        ) as problem
    from checked
)
select
    nomor_baris,
    problem.alasan as alasan,
    problem.kolom as kolom,
    id_kasus, kategori, sumber, waktu_lapor, waktu_respons, waktu_tiba, lon, lat, kode_kelurahan,
    jenis_kelamin, usia, tahap, hasil, tanggal_masuk_shelter, tanggal_keluar_shelter
from final

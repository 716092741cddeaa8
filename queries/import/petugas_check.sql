-- Check the staged rows of an enumerator (petugas) list.
-- Reads temp tables import_raw (nomor_baris and the petugas columns as text, blank = null),
-- import_enum and import_kelurahan.
-- Parameters: none (dates before 1950 are rejected).
-- Output: temp table import_checked, one row per staged row: nomor_baris, alasan (null when the
-- row loads, else a reason code), kolom, and the
-- typed values id_petugas, nama, peran (enumerator when the file has none),
-- kode_kelurahan_asal, aktif_mulai, aktif_sampai (dates).
create or replace temp table import_checked as
with enum_codes as (
    select s.domain, s.value, e.kode
    from (
        select distinct 'peran' as domain, peran as value from import_raw
    ) as s
    inner join import_enum as e on e.domain = s.domain and e.alias = enum_key(s.value)
),
typed as (
    select
        r.nomor_baris,
        r.aktif_mulai as aktif_mulai_text,
        r.aktif_sampai as aktif_sampai_text,
        r.id_petugas,
        r.nama,
        coalesce(p.kode, case when r.peran is null then 'enumerator' end) as peran,
        w.kode as kode_kelurahan_asal,
        w.alasan as wilayah_alasan,
        w.kolom as wilayah_kolom,
        parse_date(r.aktif_mulai) as aktif_mulai,
        parse_date(r.aktif_sampai) as aktif_sampai
    from import_raw as r
    left join import_kelurahan as w
        on w.kode_kelurahan is not distinct from r.kode_kelurahan
        and w.kecamatan is not distinct from r.kecamatan
        and w.kelurahan is not distinct from r.kelurahan
    left join enum_codes as p on p.domain = 'peran' and p.value = r.peran
),
checked as materialized (
    select
        *,
        coalesce(
            case when id_petugas is null then {'alasan': 'missing_value', 'kolom': 'id_petugas'} end,
            case when nama is null then {'alasan': 'missing_value', 'kolom': 'nama'} end,
            case when peran is null then {'alasan': 'enum_unknown', 'kolom': 'peran'} end,
            case when wilayah_alasan is not null then {'alasan': wilayah_alasan, 'kolom': wilayah_kolom} end,
            case when aktif_mulai_text is not null and aktif_mulai is null
                then {'alasan': 'date_invalid', 'kolom': 'aktif_mulai'} end,
            case when aktif_sampai_text is not null and aktif_sampai is null
                then {'alasan': 'date_invalid', 'kolom': 'aktif_sampai'} end,
            case when aktif_mulai < date '1950-01-01' then {'alasan': 'date_out_of_range', 'kolom': 'aktif_mulai'} end,
            case when aktif_sampai < date '1950-01-01'
                then {'alasan': 'date_out_of_range', 'kolom': 'aktif_sampai'} end,
            case when aktif_sampai < aktif_mulai then {'alasan': 'time_order', 'kolom': 'aktif_sampai'} end
        ) as problem
    from typed
),
-- The first loadable row of a key wins; later ones are duplicates within the file.
final as (
    select
        * exclude (problem),
        coalesce(
            problem,
            case when row_number() over (partition by problem is null, id_petugas order by nomor_baris) > 1
                then {'alasan': 'duplicate_in_file', 'kolom': 'id_petugas'} end
        ) as problem
    from checked
)
select
    nomor_baris,
    problem.alasan as alasan,
    problem.kolom as kolom,
    id_petugas, nama, peran, kode_kelurahan_asal, aktif_mulai, aktif_sampai
from final

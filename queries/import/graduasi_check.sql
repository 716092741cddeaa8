-- Check the staged rows of a PKH graduation list (one row per KPM that left PKH).
-- Reads temp tables import_raw (nomor_baris and the graduasi columns as text, blank = null),
-- import_enum and import_kelurahan, and the warehouse's dtks_keluarga.
-- Parameters: $hari_ini (date, the data date; later graduation dates, or before 1950, are rejected).
-- Output: temp table import_checked, one row per staged row: nomor_baris, alasan (null when the
-- row loads, else a reason code), kolom, and the typed values id_dtks, tahun (year of the
-- graduation), tanggal_graduasi (date), jenis (sejahtera_mandiri, alamiah_tidak_layak,
-- alamiah_pindah, alamiah_meninggal), kode_kelurahan (from the file, else the household's),
-- nik_penerima (digits).
create or replace temp table import_checked as
with enum_codes as (
    select s.domain, s.value, e.kode
    from (
        select distinct 'graduasi_jenis' as domain, jenis as value from import_raw
    ) as s
    inner join import_enum as e on e.domain = s.domain and e.alias = enum_key(s.value)
),
typed as (
    select
        r.nomor_baris,
        r.id_dtks,
        h.id_dtks is not null as household_known,
        r.tanggal_graduasi as tanggal_text,
        r.jenis as jenis_text,
        parse_date(r.tanggal_graduasi) as tanggal_graduasi,
        j.kode as jenis,
        coalesce(w.kode, h.kode_kelurahan) as kode_kelurahan,
        w.alasan as wilayah_alasan,
        w.kolom as wilayah_kolom,
        clean_number(r.nik_penerima) as nik_penerima,
        if(r.nik_penerima is null, null, nomor_problem(clean_number(r.nik_penerima), true)) as nik_problem
    from import_raw as r
    left join dtks_keluarga as h on h.id_dtks = r.id_dtks
    left join import_kelurahan as w
        on w.kode_kelurahan is not distinct from r.kode_kelurahan
        and w.kecamatan is not distinct from r.kecamatan
        and w.kelurahan is not distinct from r.kelurahan
    left join enum_codes as j on j.domain = 'graduasi_jenis' and j.value = r.jenis
),
checked as materialized (
    select
        *,
        coalesce(
            case when id_dtks is null then {'alasan': 'missing_value', 'kolom': 'id_dtks'} end,
            case when not household_known then {'alasan': 'household_unknown', 'kolom': 'id_dtks'} end,
            case when tanggal_text is null then {'alasan': 'missing_value', 'kolom': 'tanggal_graduasi'} end,
            case when tanggal_graduasi is null then {'alasan': 'date_invalid', 'kolom': 'tanggal_graduasi'} end,
            case when tanggal_graduasi > $hari_ini or tanggal_graduasi < date '1950-01-01'
                then {'alasan': 'date_out_of_range', 'kolom': 'tanggal_graduasi'} end,
            case when jenis_text is null then {'alasan': 'missing_value', 'kolom': 'jenis'} end,
            case when jenis is null then {'alasan': 'enum_unknown', 'kolom': 'jenis'} end,
            case when nik_problem is not null then {'alasan': 'nik_' || nik_problem, 'kolom': 'nik_penerima'} end,
            case when wilayah_alasan is not null then {'alasan': wilayah_alasan, 'kolom': wilayah_kolom} end
        ) as problem
    from typed
),
-- The first loadable row of a KPM and year wins; later ones are duplicates within the file.
final as (
    select
        * exclude (problem),
        coalesce(
            problem,
            case when row_number() over (
                    partition by problem is null, id_dtks, year(tanggal_graduasi) order by nomor_baris
                ) > 1 then {'alasan': 'duplicate_in_file', 'kolom': 'id_dtks'} end
        ) as problem
    from checked
)
select
    nomor_baris,
    problem.alasan as alasan,
    problem.kolom as kolom,
    id_dtks, year(tanggal_graduasi) as tahun, tanggal_graduasi, jenis, kode_kelurahan, nik_penerima
from final

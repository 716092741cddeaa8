-- Check the staged rows of a distribution report (bank, PT Pos, e-warong; one row per
-- distribution to a KPM).
-- Reads temp tables import_raw (nomor_baris and the penyaluran columns as text, blank = null),
-- import_enum and import_kelurahan, and the warehouse's bansos_program, bansos_tahap,
-- dtks_anggota, dtks_keluarga and bansos_penyaluran.
-- Parameters: $hari_ini (date, the data date; distributions dated after it, or before 1950, are rejected).
-- Output: temp table import_checked, one row per staged row: nomor_baris, alasan (null when the
-- row loads, else a reason code), kolom, and the
-- typed values id_penyaluran, kode_program, tahap (as stored in bansos_tahap), id_dtks (from the
-- file, else the household of the NIK), nik_penerima, kode_kelurahan (from the file, else the
-- household's), nilai_hak (rupiah; the tahap's entitlement when the file has none),
-- nilai_diterima, harga_dibayar (rupiah), tanggal_salur, kanal, id_penyalur, lolos_kualitas,
-- dokumen (list of bast/foto/ktp; empty when none).
create or replace temp table import_checked as
with enum_codes as (
    select s.domain, s.value, e.kode
    from (
        select distinct 'kanal' as domain, kanal as value from import_raw
        union
        select distinct 'flag' as domain, lolos_kualitas as value from import_raw
    ) as s
    inner join import_enum as e on e.domain = s.domain and e.alias = enum_key(s.value)
),
programs as (
    select enum_key(kode_program) as program_key, kode_program from bansos_program
),
periods as (
    select kode_program, enum_key(tahap) as tahap_key, tahap, nilai_per_kpm from bansos_tahap
),
-- Only the NIK of the file: a small file into a national warehouse reads little of it.
member_household as (
    select nik, min(id_dtks) as id_dtks
    from dtks_anggota
    where nik in (select clean_number(nik_penerima) from import_raw)
    group by nik
),
documents as (
    select map(list(alias), list(kode)) as names from import_enum where domain = 'dokumen'
),
typed as (
    select
        r.nomor_baris,
        r.kode_program as kode_program_text,
        r.tahap as tahap_text,
        r.nilai_hak as nilai_hak_text,
        r.nilai_diterima as nilai_diterima_text,
        r.harga_dibayar as harga_dibayar_text,
        r.tanggal_salur as tanggal_salur_text,
        r.kanal as kanal_text,
        r.lolos_kualitas as lolos_kualitas_text,
        r.id_penyaluran,
        p.kode_program,
        t.tahap,
        t.nilai_per_kpm,
        clean_number(r.nik_penerima) as nik_penerima,
        nomor_problem(clean_number(r.nik_penerima), true) as nik_problem,
        coalesce(r.id_dtks, m.id_dtks) as id_dtks,
        w.kode as kode_kelurahan_file,
        w.alasan as wilayah_alasan,
        w.kolom as wilayah_kolom,
        parse_amount(r.nilai_hak) as nilai_hak_file,
        parse_amount(r.nilai_diterima) as nilai_diterima,
        parse_amount(r.harga_dibayar) as harga_dibayar,
        parse_date(r.tanggal_salur) as tanggal_salur,
        kn.kode as kanal,
        r.id_penyalur,
        try_cast(q.kode as boolean) as lolos_kualitas,
        list_transform(
            list_filter(string_split_regex(coalesce(r.dokumen, ''), '[,/+&\x3B]'), lambda x: trim(x) <> ''),
            lambda x: d.names[enum_key(x)]
        ) as dokumen
    from import_raw as r
    cross join documents as d
    left join programs as p on p.program_key = enum_key(r.kode_program)
    left join periods as t on t.kode_program = p.kode_program and t.tahap_key = enum_key(r.tahap)
    left join member_household as m on m.nik = clean_number(r.nik_penerima) and r.id_dtks is null
    left join import_kelurahan as w
        on w.kode_kelurahan is not distinct from r.kode_kelurahan
        and w.kecamatan is not distinct from r.kecamatan
        and w.kelurahan is not distinct from r.kelurahan
    left join enum_codes as kn on kn.domain = 'kanal' and kn.value = r.kanal
    left join enum_codes as q on q.domain = 'flag' and q.value = r.lolos_kualitas
),
located as (
    select t.*, coalesce(t.kode_kelurahan_file, h.kode_kelurahan) as kode_kelurahan,
        coalesce(t.nilai_hak_file, t.nilai_per_kpm) as nilai_hak
    from typed as t
    left join dtks_keluarga as h on h.id_dtks = t.id_dtks
),
checked as materialized (
    select
        *,
        coalesce(
            case when id_penyaluran is null then {'alasan': 'missing_value', 'kolom': 'id_penyaluran'} end,
            case when kode_program_text is null then {'alasan': 'missing_value', 'kolom': 'kode_program'} end,
            case when kode_program is null then {'alasan': 'programme_unknown', 'kolom': 'kode_program'} end,
            case when tahap_text is null then {'alasan': 'missing_value', 'kolom': 'tahap'} end,
            case when tahap is null then {'alasan': 'tahap_unknown', 'kolom': 'tahap'} end,
            case when nik_penerima is null then {'alasan': 'missing_value', 'kolom': 'nik_penerima'} end,
            case when nik_problem is not null then {'alasan': 'nik_' || nik_problem, 'kolom': 'nik_penerima'} end,
            case when id_dtks is null then {'alasan': 'household_unknown', 'kolom': 'nik_penerima'} end,
            case when wilayah_alasan is not null then {'alasan': wilayah_alasan, 'kolom': wilayah_kolom} end,
            case when kode_kelurahan is null then {'alasan': 'missing_value', 'kolom': 'kelurahan'} end,
            case when nilai_hak_text is not null and nilai_hak_file is null
                then {'alasan': 'amount_invalid', 'kolom': 'nilai_hak'} end,
            case when nilai_hak < 0 then {'alasan': 'amount_negative', 'kolom': 'nilai_hak'} end,
            case when nilai_diterima_text is null then {'alasan': 'missing_value', 'kolom': 'nilai_diterima'} end,
            case when nilai_diterima is null then {'alasan': 'amount_invalid', 'kolom': 'nilai_diterima'} end,
            case when nilai_diterima < 0 then {'alasan': 'amount_negative', 'kolom': 'nilai_diterima'} end,
            case when harga_dibayar_text is not null and harga_dibayar is null
                then {'alasan': 'amount_invalid', 'kolom': 'harga_dibayar'} end,
            case when harga_dibayar < 0 then {'alasan': 'amount_negative', 'kolom': 'harga_dibayar'} end,
            case when tanggal_salur_text is null then {'alasan': 'missing_value', 'kolom': 'tanggal_salur'} end,
            case when tanggal_salur is null then {'alasan': 'date_invalid', 'kolom': 'tanggal_salur'} end,
            case when tanggal_salur > $hari_ini or tanggal_salur < date '1950-01-01'
                then {'alasan': 'date_out_of_range', 'kolom': 'tanggal_salur'} end,
            case when kanal_text is null then {'alasan': 'missing_value', 'kolom': 'kanal'} end,
            case when kanal is null then {'alasan': 'enum_unknown', 'kolom': 'kanal'} end,
            case when lolos_kualitas_text is not null and lolos_kualitas is null
                then {'alasan': 'enum_unknown', 'kolom': 'lolos_kualitas'} end,
            case when list_count(dokumen) < len(dokumen) then {'alasan': 'enum_unknown', 'kolom': 'dokumen'} end,
            case when exists (
                    select 1 from bansos_penyaluran as b
                    where b.kode_program = located.kode_program and b.tahap = located.tahap
                        and b.id_dtks = located.id_dtks and b.id_penyaluran <> located.id_penyaluran
                ) then {'alasan': 'duplicate_in_warehouse', 'kolom': 'id_penyaluran'} end
        ) as problem
    from located
),
first_ids as (
    select id_penyaluran, min(nomor_baris) as first_row
    from checked
    where problem is null
    group by id_penyaluran
),
first_kpm as (
    select kode_program, tahap, id_dtks, min(nomor_baris) as first_row
    from checked
    where problem is null
    group by kode_program, tahap, id_dtks
),
passed as (
    select
        c.*,
        coalesce(
            case when c.nomor_baris > i.first_row
                then {'alasan': 'duplicate_in_file', 'kolom': 'id_penyaluran'} end,
            case when c.nomor_baris > k.first_row
                then {'alasan': 'duplicate_in_file', 'kolom': 'nik_penerima'} end
        ) as problem_in_file
    from checked as c
    inner join first_ids as i on i.id_penyaluran = c.id_penyaluran
    inner join first_kpm as k on k.kode_program = c.kode_program and k.tahap = c.tahap and k.id_dtks = c.id_dtks
    where c.problem is null
),
final as (
    select * exclude (problem, problem_in_file), problem_in_file as problem from passed
    union all by name
    select * from checked where problem is not null
)
select
    nomor_baris,
    problem.alasan as alasan,
    problem.kolom as kolom,
    id_penyaluran, kode_program, tahap, id_dtks, nik_penerima, kode_kelurahan, nilai_hak,
    nilai_diterima, tanggal_salur, kanal, id_penyalur, harga_dibayar, lolos_kualitas,
    list_sort(list_distinct(dokumen)) as dokumen
from final

-- Check the staged rows of a pendataan file (records a campaign's collectors sent in).
-- Reads temp tables import_raw (nomor_baris and the pendataan columns as text, blank = null),
-- import_enum, import_kelurahan and import_kampanye (the campaigns of config/pendataan.toml:
-- kode_kampanye, mulai, selesai (dates), kategori (text[] of codes)).
-- Parameters: $hari_ini (the data date: a record after it is refused).
-- Output: temp table import_checked, one row per staged row: nomor_baris, alasan (null when the
-- row loads, else a reason code), kolom, and the typed values kode_kampanye (as the settings
-- spell it), id_catatan, id_petugas, nama_petugas, peran, kode_kelurahan, tanggal (date),
-- kategori (the campaign's code).
create or replace temp table import_checked as
with
categories as (
    select kode_kampanye, unnest(kategori) as kode from import_kampanye
),

peran_codes as (
    select s.value, e.kode
    from (select distinct peran as value from import_raw) as s
    inner join import_enum as e on e.domain = 'peran' and e.alias = enum_key(s.value)
),

typed as (
    select
        r.nomor_baris,
        r.kode_kampanye as kode_kampanye_text,
        k.kode_kampanye,
        k.mulai,
        k.selesai,
        r.id_catatan,
        r.id_petugas,
        r.nama as nama_petugas,
        r.peran as peran_text,
        p.kode as peran,
        w.kode as kode_kelurahan,
        w.alasan as wilayah_alasan,
        w.kolom as wilayah_kolom,
        r.tanggal as tanggal_text,
        parse_date(r.tanggal) as tanggal,
        r.kategori as kategori_text,
        c.kode as kategori
    from import_raw as r
    left join import_kampanye as k on enum_key(k.kode_kampanye) = enum_key(r.kode_kampanye)
    left join categories as c on c.kode_kampanye = k.kode_kampanye and enum_key(c.kode) = enum_key(r.kategori)
    left join peran_codes as p on p.value = r.peran
    left join import_kelurahan as w
        on w.kode_kelurahan is not distinct from r.kode_kelurahan
        and w.kecamatan is not distinct from r.kecamatan
        and w.kelurahan is not distinct from r.kelurahan
),

checked as materialized (
    select
        *,
        coalesce(
            case when kode_kampanye_text is null then {'alasan': 'missing_value', 'kolom': 'kode_kampanye'} end,
            case when kode_kampanye is null then {'alasan': 'campaign_unknown', 'kolom': 'kode_kampanye'} end,
            case when id_catatan is null then {'alasan': 'missing_value', 'kolom': 'id_catatan'} end,
            case when id_petugas is null and nama_petugas is null
                then {'alasan': 'missing_value', 'kolom': 'nama'} end,
            case when peran_text is not null and peran is null then {'alasan': 'enum_unknown', 'kolom': 'peran'} end,
            case when wilayah_alasan is not null then {'alasan': wilayah_alasan, 'kolom': wilayah_kolom} end,
            case when tanggal_text is null then {'alasan': 'missing_value', 'kolom': 'tanggal'} end,
            case when tanggal is null then {'alasan': 'date_invalid', 'kolom': 'tanggal'} end,
            case when tanggal > $hari_ini then {'alasan': 'date_out_of_range', 'kolom': 'tanggal'} end,
            case when tanggal < mulai or tanggal > selesai then {'alasan': 'outside_campaign', 'kolom': 'tanggal'} end,
            case when kategori_text is null then {'alasan': 'missing_value', 'kolom': 'kategori'} end,
            case when kategori is null then {'alasan': 'enum_unknown', 'kolom': 'kategori'} end
        ) as problem
    from typed
),

-- The first loadable row of a record wins; later ones with its id are duplicates within the file.
final as (
    select
        * exclude (problem),
        coalesce(
            problem,
            case when row_number() over (
                partition by problem is null, kode_kampanye, id_catatan order by nomor_baris
            ) > 1 then {'alasan': 'duplicate_in_file', 'kolom': 'id_catatan'} end
        ) as problem
    from checked
)

select
    nomor_baris,
    problem.alasan as alasan,
    problem.kolom as kolom,
    kode_kampanye, id_catatan, id_petugas, nama_petugas, peran, kode_kelurahan, tanggal, kategori
from final

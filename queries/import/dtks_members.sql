-- Upsert the members of the loadable checked DTKS rows into dtks_anggota. A row is the stored
-- member with the same (id_dtks, nik); else, when a newer export corrects a NIK, the one stored
-- member of the household with the same name (case and spaces ignored) and birth date whose NIK
-- the file no longer lists for it (it keeps its id_anggota and takes the new NIK, so there is
-- never a second active record of the person); else a new member with a surrogate id_anggota
-- 'AG-' and 8 digits (never built from the NIK). A value the file leaves blank keeps the stored one.
-- kode_kelurahan is the household's (dtks_keluarga, upserted before by import/dtks_households).
-- Reads temp table import_checked (see import/dtks_check.sql). No parameters.
-- Output: none (writes dtks_anggota).
insert or replace into dtks_anggota (id_anggota, id_dtks, kode_kelurahan, nik, nama, tempat_lahir, tanggal_lahir,
    jenis_kelamin, hubungan, status_padan, status)
with incoming as (
    select *
    from import_checked
    where alasan is null
),
-- The stored members of the incoming households (a matched stored_id is one of them).
household_members as (
    select *
    from dtks_anggota
    where id_dtks in (select id_dtks from incoming)
),
stored as (
    select id_dtks, nik, min(id_anggota) as id_anggota
    from household_members
    group by id_dtks, nik
),
unlisted as (
    select a.id_anggota, a.id_dtks, lower(regexp_replace(trim(a.nama), '\s+', ' ', 'g')) as name_key, a.tanggal_lahir
    from household_members as a
    where a.tanggal_lahir is not null
        and not exists (select 1 from incoming as i where i.id_dtks = a.id_dtks and i.nik = a.nik)
),
corrected as (
    select i.nomor_baris, u.id_anggota
    from incoming as i
    inner join unlisted as u
        on u.id_dtks = i.id_dtks
        and u.name_key = lower(regexp_replace(trim(i.nama), '\s+', ' ', 'g'))
        and u.tanggal_lahir = i.tanggal_lahir
    anti join stored as s on s.id_dtks = i.id_dtks and s.nik = i.nik
    -- Only a one-to-one match is a correction: two candidates either way stay apart.
    qualify count(*) over (partition by i.nomor_baris) = 1 and count(*) over (partition by u.id_anggota) = 1
),
-- The prefix filter reaches the scan: only the row groups holding such ids are read.
numbers as (
    select coalesce(max(try_cast(substr(id_anggota, 4) as bigint)), 0) as last_id
    from dtks_anggota
    where id_anggota like 'AG-%'
),
matched as (
    select
        i.*,
        coalesce(s.id_anggota, k.id_anggota) as stored_id,
        n.last_id
    from incoming as i
    left join stored as s on s.id_dtks = i.id_dtks and s.nik = i.nik
    left join corrected as k on k.nomor_baris = i.nomor_baris
    cross join numbers as n
),
final as (
    select
        coalesce(
            c.stored_id,
            'AG-' || lpad(cast(c.last_id + row_number() over (
                partition by c.stored_id is null order by c.nomor_baris
            ) as varchar), 8, '0')
        ) as id_anggota,
        c.id_dtks,
        h.kode_kelurahan,
        c.nik,
        c.nama,
        coalesce(c.tempat_lahir, a.tempat_lahir) as tempat_lahir,
        coalesce(c.tanggal_lahir, a.tanggal_lahir) as tanggal_lahir,
        c.jenis_kelamin,
        c.hubungan,
        coalesce(c.status_padan, a.status_padan, 'belum') as status_padan,
        coalesce(c.status, a.status, 'aktif') as status
    from matched as c
    left join household_members as a on a.id_anggota = c.stored_id
    -- The household as just upserted (import/dtks_households runs first): one code per household.
    left join dtks_keluarga as h on h.id_dtks = c.id_dtks
)
select * from final

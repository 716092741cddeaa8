-- Upsert the members of the loadable checked DTKS rows into dtks_anggota, keyed by (id_dtks,
-- nik): a member already stored keeps its id_anggota and is updated, a new one gets
-- id_dtks || '-' || nik. A value the file leaves blank keeps the stored one.
-- Reads temp table import_checked (see import/dtks_check.sql). No parameters.
-- Output: none (writes dtks_anggota).
insert or replace into dtks_anggota (id_anggota, id_dtks, nik, nama, tempat_lahir, tanggal_lahir,
    jenis_kelamin, hubungan, status_padan, status)
with stored as (
    select id_dtks, nik, min(id_anggota) as id_anggota
    from dtks_anggota
    group by id_dtks, nik
),
final as (
    select
        coalesce(s.id_anggota, c.id_dtks || '-' || c.nik) as id_anggota,
        c.id_dtks,
        c.nik,
        c.nama,
        coalesce(c.tempat_lahir, a.tempat_lahir) as tempat_lahir,
        coalesce(c.tanggal_lahir, a.tanggal_lahir) as tanggal_lahir,
        c.jenis_kelamin,
        c.hubungan,
        coalesce(c.status_padan, a.status_padan, 'belum') as status_padan,
        coalesce(c.status, a.status, 'aktif') as status
    from import_checked as c
    left join stored as s on s.id_dtks = c.id_dtks and s.nik = c.nik
    left join dtks_anggota as a on a.id_anggota = s.id_anggota
    where c.alasan is null
)
select * from final

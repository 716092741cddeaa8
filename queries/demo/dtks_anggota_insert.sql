-- Insert the demo's DTKS members, spelling out their ids, names and places from index columns.
-- Reads the frames registered by warehouse.demo.register.insert_members: demo_members (hh,
-- position, nik, given, family, birthplace, tanggal_lahir, female, relation, padan, status),
-- demo_households (hh, id_dtks), demo_given and demo_family (i, nama: the name pools), demo_places
-- (i, nama: the places of birth). No parameters.
-- Reads dtks_keluarga (the household's kode_kelurahan, inserted before the members).
-- Output: none (writes dtks_anggota: id_anggota is id_dtks || '-' || the two-digit position),
-- ordered by kode_kelurahan so that a region reads only its row groups.
insert into dtks_anggota by name
select
    h.id_dtks || '-' || lpad(cast(m.position + 1 as varchar), 2, '0') as id_anggota,
    h.id_dtks,
    k.kode_kelurahan,
    cast(m.nik as varchar) as nik,
    g.nama || ' ' || f.nama as nama,
    p.nama as tempat_lahir,
    cast(m.tanggal_lahir as date) as tanggal_lahir,
    case when m.female then 'P' else 'L' end as jenis_kelamin,
    cast(m.relation as varchar) as hubungan,
    cast(m.padan as varchar) as status_padan,
    cast(m.status as varchar) as status
from demo_members as m
inner join demo_households as h on h.hh = m.hh
inner join demo_given as g on g.i = m.given
inner join demo_family as f on f.i = m.family
inner join demo_places as p on p.i = m.birthplace
inner join dtks_keluarga as k on k.id_dtks = h.id_dtks
order by k.kode_kelurahan, id_anggota

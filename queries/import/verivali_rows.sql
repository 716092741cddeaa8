-- Upsert the loadable checked verivali rows: a step already stored for the household, cycle and
-- stage is updated (date, enumerator, result, desil), a new one added.
-- kode_kelurahan is the household's (dtks_keluarga).
-- Reads temp table import_checked (see import/verivali_check.sql). No parameters.
-- Output: none (writes verivali).
insert or replace into verivali (id_verivali, id_dtks, kode_kelurahan, siklus, tahap, tanggal, id_petugas, hasil, desil)
select
    c.id_verivali,
    c.id_dtks,
    h.kode_kelurahan,
    c.siklus,
    c.tahap,
    c.tanggal,
    coalesce(c.id_petugas, v.id_petugas),
    c.hasil,
    c.desil
from import_checked as c
left join verivali as v using (id_verivali)
left join dtks_keluarga as h on h.id_dtks = c.id_dtks
where c.alasan is null

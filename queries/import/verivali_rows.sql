-- Upsert the loadable checked verivali rows: a step already stored for the household, cycle and
-- stage is updated (date, enumerator, result, desil), a new one added.
-- Reads temp table import_checked (see import/verivali_check.sql). No parameters.
-- Output: none (writes verivali).
insert or replace into verivali (id_verivali, id_dtks, siklus, tahap, tanggal, id_petugas, hasil, desil)
select c.id_verivali, c.id_dtks, c.siklus, c.tahap, c.tanggal, coalesce(c.id_petugas, v.id_petugas), c.hasil, c.desil
from import_checked as c
left join verivali as v using (id_verivali)
where c.alasan is null

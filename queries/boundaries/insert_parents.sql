-- Add the parent units a boundary file names; a known one only gains a BPS code it lacked.
-- Reads the registered table incoming_parents (kode, nama, level, jenis, kode_induk, kode_bps).
-- No parameters.
-- Output: none (writes wilayah).
insert into wilayah (kode, nama, level, jenis, kode_induk, kode_bps)
select kode, nama, level, jenis, kode_induk, kode_bps
from incoming_parents
on conflict (kode) do update set kode_bps = coalesce(wilayah.kode_bps, excluded.kode_bps)

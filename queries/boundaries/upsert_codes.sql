-- Write the incoming code list: names, levels, kinds and parents are set, geometry never touched.
-- Reads the registered table incoming_codes (kode, nama, level, jenis, kode_induk, kode_bps).
-- No parameters.
-- Output: none (writes wilayah).
insert into wilayah (kode, nama, level, jenis, kode_induk, kode_bps)
select kode, nama, level, jenis, kode_induk, kode_bps
from incoming_codes
on conflict (kode) do update set
    nama = excluded.nama,
    level = excluded.level,
    jenis = excluded.jenis,
    kode_induk = excluded.kode_induk,
    kode_bps = coalesce(excluded.kode_bps, wilayah.kode_bps)

-- Insert one cycle of the demo's verivali rows, with the household ids spelled out.
-- Parameters: $siklus (the cycle code the rows belong to, e.g. 2026-S2).
-- Reads the frames registered by warehouse.demo.verivali.insert_verivali: demo_verivali
-- (id_verivali, hh, tahap, tanggal, id_petugas, hasil, desil) and demo_keys (hh, id_dtks).
-- Reads dtks_keluarga (the household's kode_kelurahan).
-- Output: none (writes verivali, ordered by kode_kelurahan so that a region reads only its row groups).
insert into verivali by name
select
    v.id_verivali,
    k.id_dtks,
    h.kode_kelurahan,
    $siklus as siklus,
    cast(v.tahap as varchar) as tahap,
    cast(v.tanggal as date) as tanggal,
    cast(v.id_petugas as varchar) as id_petugas,
    cast(v.hasil as varchar) as hasil,
    v.desil
from demo_verivali as v
inner join demo_keys as k on k.hh = v.hh
inner join dtks_keluarga as h on h.id_dtks = k.id_dtks
order by h.kode_kelurahan, v.id_verivali

-- The incoming desa/kelurahan already in the warehouse, with where their geometry came from.
-- Reads the registered table incoming_units (kode, ...). No parameters.
-- Output: kode, geom_sumber ('demo', a file name, or null); one row per unit already there.
select w.kode, w.geom_sumber
from wilayah as w
inner join incoming_units as i using (kode)

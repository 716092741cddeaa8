-- The parent units (kecamatan, kab/kota, provinsi) a boundary file names that the warehouse lacks.
-- Reads the registered table incoming_parents (kode, ...). No parameters.
-- Output: kode, by kode.
select p.kode
from incoming_parents as p
anti join wilayah as w using (kode)
order by p.kode

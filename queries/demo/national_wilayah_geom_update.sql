-- Give the province of the Batam demo (Kepulauan Riau) its area and population with the
-- synthetic units (warehouse.demo.national); its polygon is dissolved afterwards, as every
-- parent's is (warehouse.imports.boundaries.dissolve_parents).
-- Reads the frame national_parents registered by warehouse.demo.national: kode, luas_km2
-- (km2), penduduk (residents). No parameters.
-- Output: none (writes wilayah).
update wilayah as w
set luas_km2 = p.luas_km2, penduduk = p.penduduk
from national_parents as p
where w.kode = p.kode

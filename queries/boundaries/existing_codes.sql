-- The incoming code-list units already in the warehouse, with their current name.
-- Reads the registered table incoming_codes (kode, ...). No parameters.
-- Output: kode, nama (the name before this import); one row per unit already there.
select w.kode, w.nama
from wilayah as w
inner join incoming_codes as i using (kode)

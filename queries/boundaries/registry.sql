-- The code list already in the warehouse, every level. No parameters.
-- Output: kode (dotted Kemendagri code), nama, level, jenis, kode_induk (parent code),
-- kode_bps (BPS code where known); one row per unit, by kode.
select kode, nama, level, jenis, kode_induk, kode_bps
from wilayah
order by kode

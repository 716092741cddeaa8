-- The kecamatan and kelurahan of the warehouse's code list, to resolve a file's region names.
-- No parameters.
-- Output: kode (dotted Kemendagri code), nama, level (kecamatan/kelurahan), kode_induk (parent code).
select kode, nama, level, kode_induk
from wilayah
where level in ('kecamatan', 'kelurahan')

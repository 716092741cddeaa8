-- Which of the given codes the warehouse holds.
-- Parameters: $kodes (list of dotted Kemendagri codes).
-- Output: kode; one row per code found.
select kode
from wilayah
where list_contains($kodes, kode)

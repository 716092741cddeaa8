-- Read by tests/test_scope_audit.py::two_kecamatan.
-- Parameters: $1 (positional: the kode of the unit).
-- Output: none (moves the unit $1 into kecamatan 99.71.02).
update wilayah set kode_induk = '99.71.02' where kode = $1

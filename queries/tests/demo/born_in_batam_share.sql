-- Read by tests/test_demo.py::test_every_nik_is_structurally_valid.
-- Parameters: none.
-- Output: one row: share (0-1) of members whose NIK starts with 2171.
select avg(case when starts_with(nik, '2171') then 1 else 0 end) from dtks_anggota

-- Read by tests/test_demo_national.py::test_households_members_and_their_region_keys.
-- Parameters: none.
-- Output: one row: members of the synthetic households (ids N...), and how many households they belong to.
select count(*), count(distinct id_dtks) from dtks_anggota where id_dtks like 'N%'

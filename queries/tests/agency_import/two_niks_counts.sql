-- Read by tests/test_agency_import.py::test_one_nik_in_two_households_is_quarantined.
-- Parameters: none.
-- Output: one row per NIK of two by nik: nik, number of members.
select nik, count(*) from dtks_anggota where nik in ('9971015505820002', '9971011203800001') group by nik order by nik

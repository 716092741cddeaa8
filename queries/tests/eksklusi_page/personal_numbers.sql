-- Read by tests/test_eksklusi_page.py::test_one_programme_and_the_follow_up_list.
-- Parameters: none.
-- Output: one row per distinct NIK of a member or KK number of a household: nik.
select nik from dtks_anggota union select no_kk from dtks_keluarga

-- Read by tests/test_six_t_page.py::all_numbers.
-- Parameters: none.
-- Output: one row per distinct NIK of a member or recipient, or KK number of a household: nik.
select nik from dtks_anggota union select no_kk from dtks_keluarga union select nik_penerima from bansos_penyaluran

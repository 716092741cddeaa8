-- Read by tests/test_demo.py::test_pkh_graduation_about_a_hundred_a_year.
-- Parameters: none.
-- Output: one row: PKH distributions of a tahap starting after the household graduated with the flag cleared.
select count(*) from pkh_graduasi as g inner join bansos_penyaluran as d using (id_dtks) inner join bansos_tahap as t on t.kode_program = d.kode_program and t.tahap = d.tahap inner join dtks_keluarga as h using (id_dtks) where d.kode_program = 'PKH' and t.tanggal_mulai > g.tanggal_graduasi and not h.flag_pkh

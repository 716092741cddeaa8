-- Read by tests/test_demo.py::test_six_t_failures_have_a_pattern.
-- Parameters: none.
-- Output: one row: PKH distributions carrying a price, a quality check or an e-warong channel.
select count(*) from bansos_penyaluran where kode_program = 'PKH' and (harga_dibayar is not null or lolos_kualitas is not null or kanal = 'e_warong')

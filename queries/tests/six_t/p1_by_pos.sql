-- Read by tests/test_six_t.py::test_a_repeat_is_found_even_when_the_first_distribution_is_filtered_out.
-- Parameters: none.
-- Output: none (p1 paid through a post office).
update bansos_penyaluran set kanal = 'pos' where id_penyaluran = 'p1'

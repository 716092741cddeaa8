-- Read by tests/test_demo.py::test_pmks_cases_are_plausible.
-- Parameters: none.
-- Output: one row: lansia_terlantar cases of people under 60.
select count(*) from pmks_kasus where kategori = 'lansia_terlantar' and usia < 60

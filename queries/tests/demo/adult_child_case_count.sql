-- Read by tests/test_demo.py::test_pmks_cases_are_plausible.
-- Parameters: none.
-- Output: one row: child-category cases of people 18 or older.
select count(*) from pmks_kasus where kategori like 'anak%' and usia >= 18

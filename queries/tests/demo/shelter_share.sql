-- Read by tests/test_demo.py::test_pmks_cases_are_plausible.
-- Parameters: none.
-- Output: one row: share (0-1) of cases that entered a shelter.
select avg(case when tanggal_masuk_shelter is not null then 1 else 0 end) from pmks_kasus

-- Read by tests/test_demo.py::test_pmks_cases_are_plausible.
-- Parameters: none.
-- Output: one row: cases whose closed stage and hasil disagree.
select count(*) from pmks_kasus where (tahap = 'ditutup') <> (hasil is not null)

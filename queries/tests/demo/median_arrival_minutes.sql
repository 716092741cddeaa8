-- Read by tests/test_demo.py::test_pmks_cases_are_plausible.
-- Parameters: none.
-- Output: one row: the median minutes from report to arrival over every case.
select median(date_diff('second', waktu_lapor, waktu_tiba) / 60.0) from pmks_kasus

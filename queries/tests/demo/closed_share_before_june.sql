-- Read by tests/test_demo.py::test_pmks_cases_are_plausible.
-- Parameters: none.
-- Output: one row: share (0-1) of cases reported before 2026-06-01 that are closed.
select avg(case when tahap = 'ditutup' then 1 else 0 end) from pmks_kasus where waktu_lapor < timestamp '2026-06-01'

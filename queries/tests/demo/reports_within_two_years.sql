-- Read by tests/test_demo.py::test_pmks_cases_are_plausible.
-- Parameters: none.
-- Output: one row: true when every waktu_lapor lies in 2024-11-21 .. 2026-11-20.
select min(waktu_lapor) >= timestamp '2024-11-21' and max(waktu_lapor) < timestamp '2026-11-21' from pmks_kasus

-- Read by tests/test_demo.py::test_case_stage_history_matches_the_cases.
-- Parameters: $stages.
-- Output: one row: stages ($stages order) that start before the stage before them.
select count(*) from (
    select waktu_mulai, lag(waktu_mulai) over (partition by id_kasus order by list_position($stages, tahap)) as before
    from pmks_kasus_tahap
) where waktu_mulai < before

-- Read by tests/test_demo.py::test_case_stage_history_matches_the_cases.
-- Parameters: $stages.
-- Output: one row: cases whose stage history ($stages order) does not end at their stage or start at their report.
with h as (
    select id_kasus, max(list_position($stages, tahap)) as last_stage, count(*) as stages_count,
        min(waktu_mulai) as first_start, max(waktu_mulai) as last_start
    from pmks_kasus_tahap group by id_kasus
)
select count(*) from pmks_kasus as c left join h using (id_kasus)
where h.id_kasus is null or h.last_stage <> list_position($stages, c.tahap)
    or h.stages_count <> h.last_stage or h.first_start <> c.waktu_lapor
    or h.last_start >= timestamp '2026-11-21'

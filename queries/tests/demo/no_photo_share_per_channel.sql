-- Read by tests/test_demo.py::test_six_t_failures_have_a_pattern.
-- Parameters: none.
-- Output: one row per kanal: share (0-1) of distributions without a photo.
select kanal, avg(case when list_contains(dokumen, 'foto') then 0 else 1 end) from bansos_penyaluran group by 1

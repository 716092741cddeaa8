-- Read by tests/test_demo.py::test_targeting_errors_an_auditor_would_find.
-- Parameters: none.
-- Output: one row per programme and tahap (null: all): kode_program, tahap, sums of eligible, excluded, recipients, included, included_rupiah.
select kode_program, tahap, sum(eligible_count), sum(excluded_count), sum(recipients_count), sum(included_count), sum(included_rupiah) from eksklusi_kelurahan group by all order by 1 nulls first

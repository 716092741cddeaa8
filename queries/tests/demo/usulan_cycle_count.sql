-- Read by tests/test_demo.py::test_musyawarah_proposals_with_their_faults.
-- Parameters: none.
-- Output: one row: number of cycles with proposals.
select count(distinct siklus) from usulan

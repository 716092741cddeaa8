-- Read by tests/test_usulan.py::test_stage_of_every_proposal.
-- Parameters: none.
-- Output: one row per proposal of cycle S1 by id_usulan, every column of usulan_status('99.71', 'S1').
select * from usulan_status('99.71', 'S1') order by id_usulan

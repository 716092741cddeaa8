-- Read by tests/test_agency_import.py::test_verivali_desil_assignments.
-- Parameters: none.
-- Output: one row per stage with a desil by id_dtks: id_dtks, tahap, desil.
select id_dtks, tahap, desil from verivali where desil is not null order by id_dtks

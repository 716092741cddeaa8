-- Read by tests/test_agency_import.py::test_verivali_results.
-- Parameters: none.
-- Output: stages 2, 9 and 10 by id: id_verivali, id_dtks, siklus, tahap, tanggal (text), id_petugas, hasil.
select id_verivali, id_dtks, siklus, tahap, tanggal::varchar, id_petugas, hasil from verivali where id_verivali in (2, 9, 10) order by id_verivali

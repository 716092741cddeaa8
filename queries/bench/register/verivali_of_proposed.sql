-- Read by bench/bench_register.py::read_tables.
-- Parameters: $s.
-- Output: the verivali stages in cycle $s of households proposed in it: id_dtks, siklus, tahap, tanggal, hasil, desil.
select id_dtks, siklus, tahap, tanggal, hasil, desil from verivali where siklus = $s and id_dtks in (select id_dtks from usulan where siklus = $s)

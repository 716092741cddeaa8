-- Read by bench/bench_targeting.py::module.
-- Parameters: none.
-- Output: one row per desil ranking: id_verivali, id_dtks, tanggal, desil.
select id_verivali, id_dtks, tanggal, desil from verivali where tahap = 'desil' and desil is not null

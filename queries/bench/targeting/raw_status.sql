-- Read by bench/bench_targeting.py::module.
-- Parameters: none.
-- Output: one row per verivali result that ends a household: id_dtks, hasil, tanggal.
select id_dtks, hasil, tanggal from verivali where hasil in ('pindah', 'meninggal', 'duplikat')

-- bench/bench_six_t.py: the size of the warehouse it measures.
-- Parameters: none.
-- Output: one row: number of distributions.
select count(*) from bansos_penyaluran

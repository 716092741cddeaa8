-- The pandas reference of bench/bench_six_t.py reads this.
-- Parameters: none.
-- Output: one row: tanggal_data (date).
select max(try_cast(nilai as date)) as tanggal_data from metadata where kunci = 'tanggal_data'

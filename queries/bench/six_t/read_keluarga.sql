-- The pandas reference of bench/bench_six_t.py reads this.
-- Parameters: $chunk, $chunks.
-- Output: the households of the chunk: id_dtks, status, desil.
select id_dtks, status, desil from dtks_keluarga where hash(id_dtks) % $chunks = $chunk

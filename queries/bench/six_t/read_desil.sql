-- The pandas reference of bench/bench_six_t.py reads this.
-- Parameters: $chunk, $chunks.
-- Output: the desil rankings of the chunk's households: id_dtks, tanggal, id_verivali, desil.
select id_dtks, tanggal, id_verivali, desil from verivali
where tahap = 'desil' and desil is not null and hash(id_dtks) % $chunks = $chunk

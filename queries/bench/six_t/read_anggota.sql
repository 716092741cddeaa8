-- The pandas reference of bench/bench_six_t.py reads this.
-- Parameters: $chunk, $chunks.
-- Output: the members of the chunk's households: id_dtks, nik, status, status_padan.
select id_dtks, nik, status, status_padan from dtks_anggota where hash(id_dtks) % $chunks = $chunk

-- tests/hostile_seed.py: the seed's enumerator p1 renamed.
-- Parameters: $nama (the new name).
-- Output: none (sets petugas.nama of p1).
update petugas set nama = $nama where id_petugas = 'p1'

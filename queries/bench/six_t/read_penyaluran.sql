-- The pandas reference of bench/bench_six_t.py reads this.
-- Parameters: $chunk, $chunks.
-- Output: the distributions of chunk $chunk of $chunks (by household hash): the columns of bansos_penyaluran, dokumen as sorted text.
select id_penyaluran, kode_program, tahap, id_dtks, nik_penerima, kode_kelurahan,
    nilai_hak, nilai_diterima, tanggal_salur, harga_dibayar, lolos_kualitas,
    array_to_string(list_sort(dokumen), ',') as dokumen
from bansos_penyaluran where hash(id_dtks) % $chunks = $chunk

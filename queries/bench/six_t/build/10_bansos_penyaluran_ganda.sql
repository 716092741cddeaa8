-- The synthetic warehouse of bench/bench_six_t.py (run in file-name order): a second distribution to the same household in the same tahap, for 0.3 % of them.
-- Parameters: none.
-- Output: none (inserts rows).
insert into bansos_penyaluran
select id_penyaluran || '-ganda', kode_program, tahap, id_dtks, nik_penerima, kode_kelurahan,
    nilai_hak, nilai_diterima, tanggal_salur + 3, kanal, id_penyalur, harga_dibayar,
    lolos_kualitas, dokumen
from bansos_penyaluran
where hash(id_penyaluran, 'ganda') % 1000 < 3
